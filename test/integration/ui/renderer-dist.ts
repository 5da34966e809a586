import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';

export const RENDERER_DIST = resolve(import.meta.dirname, '../../../renderer/dist');

/**
 * `npm test` builds the renderer first. When a test file is run on its own, build it here rather than fail, but
 * say clearly what went wrong if that build does not produce a page.
 */
export async function ensureRendererBuilt(): Promise<string> {
  if (existsSync(join(RENDERER_DIST, 'index.html'))) return RENDERER_DIST;
  try {
    const { build } = await import('vite');
    await build({ configFile: resolve(RENDERER_DIST, '../vite.config.ts'), logLevel: 'warn' });
  } catch (err) {
    throw new Error(`renderer/dist is missing and building it failed; run \`npm run build:renderer\`: ${(err as Error).message}`);
  }
  if (!existsSync(join(RENDERER_DIST, 'index.html'))) {
    throw new Error('renderer/dist/index.html is missing; run `npm run build:renderer` before the UI tests');
  }
  return RENDERER_DIST;
}
