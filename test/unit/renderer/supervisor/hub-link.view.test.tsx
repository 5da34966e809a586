import { renderToStaticMarkup } from 'react-dom/server';
import { expect, it } from 'vitest';
import { HubLinkView } from '../../../../renderer/src/supervisor/hub-link.view';

it('shows the hub link connected, or down with the reason', () => {
  const up = renderToStaticMarkup(<HubLinkView hub={{ connected: true, since: 1_700_000_000_000, lastError: null }} />);
  expect(up).toContain('data-tone="success"');
  expect(up).toMatch(/connected.*since/);
  const refused = renderToStaticMarkup(<HubLinkView hub={{ connected: false, since: null, lastError: 'the hub refused the station: TOKEN_REVOKED' }} />);
  expect(refused).toContain('data-tone="warning"');
  expect(refused).toContain('not connected');
  expect(refused).toContain('TOKEN_REVOKED');
});
