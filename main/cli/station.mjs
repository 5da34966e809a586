#!/usr/bin/env node
// Entry point of the `station` command. It runs the bundle `npm run build` writes to dist/cli (npm install does that
// through `prepare`): compiling the TypeScript at every start cost over a second and tens of MB of memory.
//
// STATION_FROM_SOURCE=1 runs the TypeScript through tsx instead; the test suite sets it so that the agents it spawns
// run the code under test rather than whatever bundle was built last. Without either, the command says what to do.
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const bundle = new URL('../../dist/cli/station.cli.mjs', import.meta.url);

async function load() {
  if (process.env.STATION_FROM_SOURCE === '1') {
    const { register } = await import('tsx/esm/api');
    register();
    return import('./station.cli.ts');
  }
  if (!existsSync(fileURLToPath(bundle))) {
    process.stderr.write(
      `station: ${fileURLToPath(bundle)} is missing; run \`npm run build\` (npm install runs it), ` +
        'or set STATION_FROM_SOURCE=1 to run from the TypeScript sources\n',
    );
    process.exit(1);
  }
  return import(bundle.href);
}

const { main } = await load();
process.exitCode = await main(process.argv.slice(2));
