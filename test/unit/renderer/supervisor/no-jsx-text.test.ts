import { describe, expect, it } from 'vitest';
import { jsxTextLiterals, jsxTextLiteralsUnder } from '../../../support/jsx-text-literals';

describe('the supervisor panel takes every word from the message catalogues', () => {
  it('finds words written into JSX: text, visible attributes, literals a child shows', () => {
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

  it('renderer/src/supervisor has none', () => {
    expect(jsxTextLiteralsUnder('renderer/src/supervisor')).toEqual([]);
  });
});
