/**
 * The hub's scale proof for `npm run bench -- --fleet N`: N simulated stations (real socket.io clients in their own
 * process, speaking the station link's protocol at a warehouse's pace: a status change every ~5 s, a ledger batch of
 * ~4 facts every ~60 s, commands answered) against the hub as its own process, first alone on PGlite, then as two
 * hubs on one PostgreSQL server and one Redis. The hubs' memory and CPU come from /proc, the fleet view's latency
 * from a logged-in viewer on `/fleet`, the storm from restarting the hubs under the connected fleet.
 */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { cpus, tmpdir } from 'node:os';
import { join } from 'node:path';
import { printSection, resultsJson, type Section } from './fleet/fleet-report';
import { oneHubRun, twoHubRun, type FleetRunOptions } from './fleet/fleet-runs';
import { GOALS } from './fleet/fleet-sections';
import { bundleHubCommand } from './fleet/hub-process';
import { summariseProfiles } from './fleet/profile-summary';

export interface FleetBenchOptions {
  stations: number;
  windowS: number;
  commands: number;
  /** socket.io's `reconnectionDelayMax` on the stations (its default is 5 s; the station link's own is 30 s). */
  backoffMaxMs: number;
  /** 1: the one-hub run only; 2: both. */
  hubs: number;
  /** Each hub process writes a V8 CPU profile (`--cpu-prof`) into `<temp dir>/profiles` when it exits. */
  profile: boolean;
}

export async function runFleetBench(options: FleetBenchOptions): Promise<void> {
  const dir = mkdtempSync(join(tmpdir(), 'fleet-bench-'));
  console.log(`fleet bench: ${options.stations} stations, ${cpus().length} cores (${cpus()[0]?.model ?? '?'}), temp dir ${dir}`);
  console.log(`  pace: a status every ~5 s, a ledger batch every ~60 s per station; window ${options.windowS} s; backoff max ${options.backoffMaxMs} ms`);
  const run: FleetRunOptions = {
    stations: options.stations,
    windowMs: options.windowS * 1000,
    warmupMs: 10_000,
    commands: options.commands,
    pace: { statusEveryMs: 5_000, ledgerEveryMs: 60_000, backoffMaxMs: options.backoffMaxMs },
    command: await bundleHubCommand(),
    dir,
    hubNodeArgs: options.profile ? ['--cpu-prof', `--cpu-prof-dir=${join(dir, 'profiles')}`] : [],
  };
  const sections: Section[] = [];
  const started = Date.now();
  try {
    sections.push(...(await oneHubRun(run)));
    for (const s of sections) printSection(s);
    if (options.hubs >= 2) {
      const two = await twoHubRun(run);
      for (const s of two) printSection(s);
      sections.push(...two);
    }
    if (options.profile) {
      console.log(`\nhub CPU profiles (${join(dir, 'profiles')}; open in Chrome DevTools):`);
      for (const line of summariseProfiles(join(dir, 'profiles'))) console.log(`  ${line}`);
    }
  } finally {
    const json = resultsJson(sections, { stations: options.stations, cores: cpus().length, goals: GOALS, options, seconds: Math.round((Date.now() - started) / 1000) });
    const file = join(dir, 'fleet-bench.json');
    writeFileSync(file, json);
    console.log(`\nresults written to ${file}`);
    console.log(json);
  }
}
