/**
 * The lint rules that keep the house in order are themselves checked: a simulator, a sandbox or the demo imported by
 * product code must fail `npm run lint`, while the demo host and the tests may use them.
 */
import { ESLint } from 'eslint';
import { describe, expect, it } from 'vitest';

const lint = async (filePath: string, code: string): Promise<string[]> => {
  const [result] = await new ESLint({ cwd: process.cwd() }).lintText(code, { filePath });
  return (result?.messages ?? []).map((m) => `${m.ruleId}: ${m.message}`);
};

describe('lint: simulators and the demo stay out of product code', () => {
  it.each([
    ['main/bootstrap.ts', "import { ScaleSimulator } from '../drivers/sim/scale.sim';\nvoid ScaleSimulator;\n"],
    ['main/headless/headless.host.ts', "import { runDemo } from '../demo/demo.runner';\nvoid runDemo;\n"],
    ['sync/odoo/odoo.gateway.ts', "import { OdooSandbox } from '../sim/odoo/odoo-sandbox.sim';\nvoid OdooSandbox;\n"],
    ['drivers/scales/create-scale.ts', "import { ScaleSimulator } from '../sim/scale.sim';\nvoid ScaleSimulator;\n"],
  ])('%s may not import it', async (file, code) => {
    expect((await lint(file, code)).join('\n')).toMatch(/no-restricted-imports/);
  });

  it.each([
    ['main/demo/demo.world.ts', "import { ScaleSimulator } from '../../drivers/sim/scale.sim';\nvoid ScaleSimulator;\n"],
    ['drivers/sim/scale.sim.ts', "import { ScaleModel } from './scale-model.sim';\nvoid ScaleModel;\n"],
    ['test/e2e/some.e2e.test.ts', "import { OdooSandbox } from '../../sync/sim/odoo/odoo-sandbox.sim';\nvoid OdooSandbox;\n"],
  ])('%s may', async (file, code) => {
    expect((await lint(file, code)).filter((m) => m.startsWith('no-restricted-imports'))).toEqual([]);
  });
});
