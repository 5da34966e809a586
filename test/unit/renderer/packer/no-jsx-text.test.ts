import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { jsxTextLiterals, jsxTextLiteralsUnder } from '../../../support/jsx-text-literals';

describe('the packer screen and the supervisor panel take every word from the message catalogues', () => {
  it('the check finds words written into JSX: text, visible attributes, literals a child shows', () => {
    const source = `
      export const V = ({ n, t }) => (
        <div title="Hover text" data-testid="kept-id" className="row-error">
          Dead letters {n}
          {' '}{'—'}
          {n > 1 ? 'many' : t('supervisor.one')}
          {n === 0 && \`none \${n}\`}
          <RecordTable empty="Nothing yet." columns={['#', t('supervisor.col.when')]} />
          {t('supervisor.dead.title')}
        </div>
      );`;
    expect(jsxTextLiterals(source, 'v.tsx').map((f) => f.text)).toEqual(['Hover text', 'Dead letters', 'many', 'none', 'Nothing yet.']);
  });

  it.each(['renderer/src/packer', 'renderer/src/print', 'renderer/src/supervisor'])('%s has no words written into JSX', (dir) => {
    expect(jsxTextLiteralsUnder(dir)).toEqual([]);
  });

  it('nor has the frame around it (tabs, link and storage banners)', () => {
    expect(jsxTextLiterals(readFileSync('renderer/src/app.view.tsx', 'utf8'), 'app.view.tsx')).toEqual([]);
  });
});
