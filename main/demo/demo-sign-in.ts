import type { Station } from '../station.types';
import type { DemoWorld } from './demo.world';
import { waitUntil } from './wait-for';

/**
 * The demo's packer scans their badge on the simulated scanner. On a first start the people cache fills from Odoo a
 * moment after the station starts: a badge refused as unknown before that is scanned again.
 */
export async function signInByBadge(station: Station, world: DemoWorld, badge: string, timeoutMs = 10_000): Promise<void> {
  const signedIn = async () => (await station.core.handle('people:session', undefined)).person !== null;
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    await world.scanner.scan(badge);
    const answered = await waitUntil(signedIn, 1_000, 'the badge to sign in').then(
      () => true,
      () => false,
    );
    if (answered) return;
  }
  throw new Error(`badge ${badge} did not sign in within ${timeoutMs} ms`);
}
