/**
 * A packer that reads the station's screen and does what it asks, so it survives the station being killed at any
 * moment: after a restart it scans the picking again and carries on from what the screen (the ledger) says.
 */
import type { PackingView } from '../../app/domain';
import type { DemoWorld } from '../../main/demo/demo.world';
import type { DemoOrder } from '../../main/demo/simulated-packer';
import { agentStatus, agentView } from '../support/agent-process';

export interface LiveAgent {
  /** The current agent's UI origin, or null while it is down or restarting. */
  url(): string | null;
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
const units = (view: PackingView, key: 'scanned' | 'inCurrentParcel') => (view.picking?.lines ?? []).reduce((s, l) => s + l[key], 0);

async function look(agent: LiveAgent): Promise<{ url: string; view: PackingView } | null> {
  const url = agent.url();
  if (url === null) return null;
  try {
    const [view, status] = await Promise.all([agentView(url), agentStatus(url)]);
    // Scans sent before the station reconnected to the scanner would go nowhere.
    return status.devices.scanner.state === 'connected' ? { url, view } : null;
  } catch {
    return null;
  }
}

/**
 * A packer puts one item in the box per scan and looks before the next: a screen read before the scan arrived would
 * have it scan (and box) a third item into a parcel of two. Waits until the station counts the scan, moves on, or
 * goes down (a kill), at most a second.
 */
async function registered(agent: LiveAgent, scannedBefore: number): Promise<void> {
  const until = Date.now() + 1_000;
  while (Date.now() < until) {
    const seen = await look(agent);
    if (seen === null || !seen.view.state.startsWith('packing') || units(seen.view, 'scanned') > scannedBefore) return;
    await sleep(20);
  }
}

/**
 * Packs `order` in parcels of at most `parcelUnits` units until the station shows it done. Returns the number of
 * screens it acted on. Throws when it makes no progress within `deadlineMs`.
 */
export async function packThroughKills(world: DemoWorld, agent: LiveAgent, order: DemoOrder, parcelUnits: number, deadlineMs: number): Promise<number> {
  const deadline = Date.now() + deadlineMs;
  let steps = 0;
  let lastState = '';
  for (;;) {
    if (Date.now() > deadline) throw new Error(`${order.name} made no progress (last screen: ${lastState})`);
    const seen = await look(agent);
    if (seen === null) {
      await sleep(50);
      continue;
    }
    const { view } = seen;
    lastState = `${view.state}: ${view.message}`;
    steps += 1;
    const mine = view.picking?.name === order.name;
    const top = view.state.split('.')[0] ?? '';
    if (!mine) {
      if (['idle', 'done', 'loadFailed'].includes(top)) await world.scanner.scan(order.name);
      await sleep(top === 'loadFailed' ? 200 : 60);
      continue;
    }
    switch (top) {
      case 'done':
        return steps;
      case 'packing': {
        if (units(view, 'inCurrentParcel') >= parcelUnits) await world.scanner.scan('O-BTN.pack');
        else {
          const line = view.picking?.lines.find((l) => l.scanned < l.expected);
          if (line?.barcode) {
            await world.scanner.scan(line.barcode);
            await registered(agent, units(view, 'scanned'));
          }
        }
        break;
      }
      case 'weighing':
      case 'weightRejected':
        world.scale.setWeight(0, { stable: true });
        await sleep(150);
        world.scale.setWeight(Math.round((view.expectedWeightG ?? 500) + 3), { stable: true });
        await sleep(150);
        break;
      case 'recordFailed':
      case 'carrierFailed':
      case 'finishFailed':
        await world.scanner.scan('O-BTN.retry');
        await sleep(200);
        break;
      case 'loadFailed':
        await world.scanner.scan(order.name);
        await sleep(200);
        break;
      default:
        // Loading, recording, buying, printing, finishing: the station is at work.
        await sleep(40);
    }
  }
}

export const totalUnits = (order: DemoOrder): number => order.lines.reduce((s, l) => s + l.quantity, 0);
export { units as viewUnits };
