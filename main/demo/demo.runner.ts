import { parseArgs } from 'node:util';
import { z } from 'zod';
import { CarrierKindSchema, ScaleProtocolSchema } from '../../app/domain';
import { startHeadless, stopOnSignals } from '../headless/headless.host';
import { createLog, silentLog } from '../log';
import { startDemoWorld, type DemoWorld } from './demo.world';
import type { Station } from '../bootstrap';
import { packOrder, type DemoOrder, type PackTiming } from './simulated-packer';
import { waitUntil } from './wait-for';
import { startPrinterFault, type DemoPrinterFault, type FaultShow } from './printer-fault.show';
import { signInByBadge } from './demo-sign-in';
import { SANDBOX_PEOPLE } from '../../sync/sim/odoo/people-models.sim';

const ArgsSchema = z.object({
  orders: z.coerce.number().int().min(0).max(500).optional(),
  exit: z.boolean().default(false),
  manual: z.boolean().default(false),
  'odoo-version': z.coerce.number().pipe(z.union([z.literal(16), z.literal(17), z.literal(18), z.literal(19)])).default(17),
  'scale-protocol': ScaleProtocolSchema.default('mt-sics'),
  port: z.coerce.number().int().min(0).max(65535).optional(),
  pace: z.coerce.number().int().min(0).max(5000).optional(),
  'printer-fault': z.enum(['paper-out', 'head-open', 'ribbon-out', 'paused']).optional(),
  carrier: CarrierKindSchema.default('easypost'),
  hub: z.boolean().default(false),
  stations: z.coerce.number().int().min(1).max(50).optional(),
  'reconcile-scenario': z.boolean().default(false),
});

/** The order whose label meets the printer fault: the 2nd, so the first shows the normal flow. */
const FAULT_ORDER_INDEX = 1;
/** Interactive: time for a person to read the screen; unattended: just long enough to be a real fault. */
const FAULT_CLEAR_MS = { watched: 5_000, unattended: 1_000 } as const;
/** The demo printer is polled often so a fixed fault is noticed at once. */
const DEMO_PRINT_POLICY = { statusPollMs: 250, proofSettleMs: 500 } as const;

const SYNC_TIMEOUT_MS = 60_000;

/** `npm run demo`: the whole packing flow with simulated devices and sandbox Odoo and carrier, no hardware. */
export async function runDemo(argv: string[]): Promise<number> {
  const { values } = parseArgs({
    args: argv,
    options: {
      orders: { type: 'string' },
      exit: { type: 'boolean' },
      manual: { type: 'boolean' },
      'odoo-version': { type: 'string' },
      'scale-protocol': { type: 'string' },
      port: { type: 'string' },
      pace: { type: 'string' },
      'printer-fault': { type: 'string' },
      carrier: { type: 'string' },
      hub: { type: 'boolean' },
      stations: { type: 'string' },
      'reconcile-scenario': { type: 'boolean' },
    },
  });
  const args = ArgsSchema.parse(values);
  if (args.stations !== undefined && !args.hub) throw new Error('--stations needs --hub');
  if (args['reconcile-scenario'] && !args.hub) throw new Error('--reconcile-scenario needs --hub');
  const orders = args.orders ?? (args.manual ? 0 : 5);
  // An unattended run goes at machine speed; a watched one at a packer's pace.
  const paceMs = args.pace ?? (args.exit ? 0 : 700);
  const log = args.exit ? silentLog() : createLog({ level: 'warn' });
  if (args.hub && args['reconcile-scenario']) {
    const { runReconcileScenario, reportScenario } = await import('./reconcile-scenario');
    const out = (line: string) => process.stdout.write(`${line}\n`);
    const scenario = { odooVersion: args['odoo-version'], scaleProtocol: args['scale-protocol'], log, printPolicy: DEMO_PRINT_POLICY, paceMs };
    return reportScenario(await runReconcileScenario(scenario, out), out);
  }
  if (args.hub) {
    const { runHubDemo } = await import('./hub-demo.runner');
    const common = { odooVersion: args['odoo-version'], scaleProtocol: args['scale-protocol'], carrier: args.carrier, port: args.port, log, printPolicy: DEMO_PRINT_POLICY };
    return runHubDemo({ ...common, stations: args.stations ?? 3, orders: args.orders, exit: args.exit, paceMs }, (line) => process.stdout.write(`${line}\n`));
  }

  const world = await startDemoWorld({ odooVersion: args['odoo-version'], scaleProtocol: args['scale-protocol'], uiPort: args.port ?? (args.exit ? 0 : 8765), carrier: args.carrier, signIn: 'required' });
  // A failed start (UI port taken) must not leave the simulators and sandboxes holding the process open.
  const headless = await startHeadless(world.config, { log, printPolicy: DEMO_PRINT_POLICY }).catch(async (error: unknown) => {
    await world.close();
    throw error;
  });
  const out = (line: string) => process.stdout.write(`${line}\n`);
  out(`Packing station demo — Odoo ${args['odoo-version']} sandbox, ${args.carrier === 'shippo' ? 'Shippo' : 'EasyPost'} sandbox, ${args['scale-protocol']} scale, ZPL printer simulator`);
  out(`  UI:      ${headless.openUrl}`);
  out(`  status:  ${headless.url}/api/status`);
  out(`  ready in ${headless.readyMs} ms`);
  const { packer, supervisor } = SANDBOX_PEOPLE;
  out(`  sign in: badge ${packer.badge} (${packer.name}, packer); ${supervisor.badge} then PIN ${supervisor.pin} (${supervisor.name}, supervisor)`);
  const stopAll = async () => {
    await headless.stop();
    await world.close();
  };

  const created = world.odoo.createPickings(orders) as DemoOrder[];
  const t0 = Date.now();
  const timings: PackTiming[] = [];
  let failure: unknown = null;
  const faultAt = args['printer-fault'] ? Math.min(FAULT_ORDER_INDEX, Math.max(0, created.length - 1)) : -1;
  let fault: FaultShow | null = null;
  try {
    if (created.length > 0) await signInByBadge(headless.station, world, packer.badge);
    for (const [i, order] of created.entries()) {
      if (i === faultAt && args['printer-fault']) {
        fault = startFaultShow(headless.station, world, args['printer-fault'], args.exit, out);
      }
      const timing = await packOrder(headless.station, world, order, paceMs);
      timings.push(timing);
      if (!args.exit) out(`  packed ${timing.picking}: label printed ${timing.scaleToPrintedMs} ms after the box was on the scale`);
    }
    await waitUntil(
      () => created.every((o) => world.odoo.picking(o.id).state === 'done'),
      SYNC_TIMEOUT_MS,
      'every picking to be validated in Odoo',
      100,
    );
  } catch (error) {
    failure = error;
  }
  fault?.stop();
  if (fault && !fault.recovered() && failure === null) failure = new Error('the printer fault was not shown and recovered from');
  const totalMs = Date.now() - t0;
  const validated = created.filter((o) => world.odoo.picking(o.id).state === 'done').length;
  const status = headless.station.status();
  if (orders > 0) out(summaryLine(orders, timings, validated, world.printer.jobs().length, status.deadLetters.length, totalMs) + faultNote(fault));
  if (failure) out(`demo failed: ${failure instanceof Error ? failure.message : String(failure)}`);

  if (args.exit) {
    await stopAll();
    return failure === null && validated === orders ? 0 : 1;
  }
  const more = world.odoo.createPickings(3) as DemoOrder[];
  out('Scan these in the UI (type into the scan field, Enter), then watch the scale follow:');
  for (const o of more) out(`  ${o.name}: ${o.lines.map((l) => `${l.barcode} ×${l.quantity}`).join(', ')}`);
  out('Ctrl+C stops the demo.');
  followScale(headless.station, world);
  stopOnSignals(stopAll, log);
  await new Promise(() => {});
  return 0;
}

function startFaultShow(station: Station, world: DemoWorld, fault: DemoPrinterFault, unattended: boolean, out: (line: string) => void): FaultShow {
  return startPrinterFault(station, world, fault, unattended ? FAULT_CLEAR_MS.unattended : FAULT_CLEAR_MS.watched, unattended ? () => undefined : out);
}

function faultNote(fault: FaultShow | null): string {
  if (fault === null) return '';
  const ms = fault.recoveryMs();
  return fault.recovered() && ms !== null ? `; 1 printer fault recovered (label printed ${ms} ms after the fault was shown)` : '; printer fault NOT recovered';
}

/** In manual mode the "packer's hands" put a box of the expected weight on the simulated scale. */
function followScale(station: Station, world: DemoWorld): void {
  let placed = false;
  station.core.subscribe('packing:view', (view) => {
    if (view.state.startsWith('weighing') && !placed && view.expectedWeightG) {
      placed = true;
      world.scale.setWeight(Math.round(view.expectedWeightG + 4), { stable: true });
    } else if (!view.state.startsWith('weighing') && placed && !BOX_ON_SCALE_STATES.some((s) => view.state.startsWith(s))) {
      placed = false;
      world.scale.setWeight(0, { stable: true });
    }
  });
}

/** The box stays on the scale until its label is out, through a printer fault or a "did it print?" question. */
const BOX_ON_SCALE_STATES = ['recordingParcel', 'buyingLabel', 'printing', 'printerFault', 'printUncertain'];

function summaryLine(orders: number, timings: PackTiming[], validated: number, labels: number, dead: number, totalMs: number): string {
  const median = (xs: number[]) => {
    const s = [...xs].sort((a, b) => a - b);
    return s.length ? (s[Math.floor((s.length - 1) / 2)] ?? 0) : 0;
  };
  const ok = validated === orders && timings.length === orders;
  return (
    `${ok ? 'OK' : 'FAILED'}: ${timings.length}/${orders} orders packed, ${labels} labels printed, ${validated}/${orders} validated in Odoo, ` +
    `${dead} dead letters; scan→label median ${median(timings.map((t) => t.scanToPrintedMs))} ms, ` +
    `scale→label median ${median(timings.map((t) => t.scaleToPrintedMs))} ms, total ${totalMs} ms`
  );
}
