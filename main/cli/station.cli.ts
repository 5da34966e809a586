import { parseArgs } from 'node:util';
import { errorMessage, isStationError } from '../../app/domain/errors';
import { DEVICES_USAGE } from './devices.usage';
import { OUTBOX_USAGE } from './outbox.usage';
import { MANIFEST_USAGE } from './manifest.usage';
import { LABELS_USAGE } from './labels.usage';
import { HUB_USAGE } from './hub.usage';
import { RECONCILE_USAGE } from './reconcile.usage';
import { COMMANDS_USAGE } from './commands.usage';
import { PEOPLE_USAGE } from './people.usage';

// Each command loads its own code (the bundle splits at these imports): `station help` loads none of it.

const USAGE = `usage:
  station run --config <station.json>     run the agent against the devices and servers in the config
  station demo [--orders N] [--exit]      simulated devices + sandbox Odoo/carrier + the agent
        [--odoo-version 16|17|18|19] [--scale-protocol mt-sics|toledo-8217|adam|cas|nci|configurable] [--port 8765] [--manual]
        [--printer-fault paper-out|head-open|ribbon-out|paused] [--pace MS] [--carrier easypost|shippo]
        [--hub [--stations N]]                  a hub and N stations reporting to it (fleet view; --port is the hub's)
${DEVICES_USAGE}${OUTBOX_USAGE}${LABELS_USAGE}${MANIFEST_USAGE}${COMMANDS_USAGE}${HUB_USAGE}${RECONCILE_USAGE}${PEOPLE_USAGE}  station mapping [--readme README.md]   the field mapping table (README "Field mapping"), generated from the code
`;

export async function main(argv: string[]): Promise<number> {
  const [command, ...rest] = argv;
  try {
    switch (command) {
      case 'run':
        return await run(rest);
      case 'demo':
        return await (await import('../demo/demo.runner')).runDemo(rest);
      case 'devices':
        return await (await import('./devices.command')).runDevices(rest);
      case 'outbox':
        return await (await import('./outbox.command')).runOutbox(rest);
      case 'manifest':
        return await (await import('./manifest.command')).runManifest(rest);
      case 'commands':
        return await (await import('./commands.command')).runCommands(rest);
      case 'labels':
      case 'void':
        return await (await import('./labels.command')).runLabels(command, rest);
      case 'hub':
        return await (await import('./hub.command')).runHub(rest);
      case 'mapping':
        return (await import('./mapping.command')).runMapping(rest);
      case 'reconcile':
        return await (await import('./reconcile.command')).runReconcile(rest);
      case 'people':
        return await (await import('./people.command')).runPeople(rest);
      case undefined:
      case 'help':
      case '--help':
        process.stdout.write(USAGE);
        return command === undefined ? 2 : 0;
      default:
        process.stderr.write(`unknown command "${command}"\n${USAGE}`);
        return 2;
    }
  } catch (error) {
    process.stderr.write(`station: ${isStationError(error) ? `[${error.code}] ` : ''}${errorMessage(error)}\n`);
    return 1;
  }
}

async function run(args: string[]): Promise<number> {
  const { values } = parseArgs({ args, options: { config: { type: 'string', short: 'c' } } });
  if (!values.config) {
    process.stderr.write(USAGE);
    return 2;
  }
  const [{ createLog }, { loadConfigFile }, { startHeadless, stopOnSignals }] = await Promise.all([
    import('../log'),
    import('../config/load-config'),
    import('../headless/headless.host'),
  ]);
  const log = createLog();
  const config = loadConfigFile(values.config);
  const headless = await startHeadless(config, { log });
  // The link carries the bridge token: it goes to this terminal only, never to the log (which may be shipped elsewhere).
  process.stdout.write(`Station ${config.stationId} running. UI: ${headless.openUrl}  status: ${headless.url}/api/status\n`);
  stopOnSignals(headless.stop, log);
  await new Promise(() => {});
  return 0;
}
