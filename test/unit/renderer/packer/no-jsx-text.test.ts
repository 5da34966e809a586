import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { jsxTextLiterals, jsxTextLiteralsUnder } from '../../../support/jsx-text-literals';

describe('the packer screen takes every word from the message catalogues', () => {
  it.each(['renderer/src/packer', 'renderer/src/print'])('%s has no words written into JSX', (dir) => {
    expect(jsxTextLiteralsUnder(dir)).toEqual([]);
  });

  it('nor has the frame around it (tabs, link and storage banners)', () => {
    expect(jsxTextLiterals(readFileSync('renderer/src/app.view.tsx', 'utf8'), 'app.view.tsx')).toEqual([]);
  });
});
