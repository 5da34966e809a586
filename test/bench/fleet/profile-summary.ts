/**
 * Where a hub's CPU went, from the V8 profile it wrote on exit (`--cpu-prof`): self time by package (PGlite, zod,
 * socket.io, …; the product's own code as `app`/`main`/`sync`) and the busiest functions.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { z } from 'zod';

const ProfileSchema = z.object({
  nodes: z.array(z.object({ id: z.number(), callFrame: z.object({ functionName: z.string(), url: z.string(), lineNumber: z.number() }) })),
  samples: z.array(z.number()),
  timeDeltas: z.array(z.number()),
});

/** `node_modules/<package>` or the repository folder a script belongs to; V8's own entries as they are named. */
function ownerOf(url: string, functionName: string): string {
  if (!url) return functionName.startsWith('(') ? functionName : '(native)';
  const pkg = /node_modules\/((?:@[^/]+\/)?[^/]+)/.exec(url);
  if (pkg?.[1]) return pkg[1];
  if (url.startsWith('node:')) return 'node core';
  if (url.includes('/dist/bench-hub/')) return 'product (bundled app/sync/main)';
  return url.startsWith('wasm') ? 'wasm' : 'other';
}

export function summariseProfiles(dir: string, top = 10): string[] {
  let files: string[];
  try {
    files = readdirSync(dir).filter((f) => f.endsWith('.cpuprofile'));
  } catch {
    return [`no profiles in ${dir}`];
  }
  const lines: string[] = [];
  for (const file of files) {
    const profile = ProfileSchema.parse(JSON.parse(readFileSync(join(dir, file), 'utf8')));
    const frames = new Map(profile.nodes.map((n) => [n.id, n.callFrame]));
    const byOwner = new Map<string, number>();
    const byFunction = new Map<string, number>();
    let total = 0;
    profile.samples.forEach((id, i) => {
      const frame = frames.get(id);
      const us = profile.timeDeltas[i] ?? 0;
      if (!frame) return;
      total += us;
      const owner = ownerOf(frame.url, frame.functionName);
      byOwner.set(owner, (byOwner.get(owner) ?? 0) + us);
      const name = `${frame.functionName || '(anonymous)'} ${owner}${frame.url ? `:${frame.lineNumber + 1}` : ''}`;
      byFunction.set(name, (byFunction.get(name) ?? 0) + us);
    });
    const share = (us: number) => `${((100 * us) / Math.max(1, total)).toFixed(1)}%`;
    const sorted = (m: Map<string, number>) => [...m].sort((a, b) => b[1] - a[1]).slice(0, top);
    lines.push(`${file}: ${(total / 1e6).toFixed(0)} s profiled`);
    lines.push(`  by owner: ${sorted(byOwner).map(([k, us]) => `${k} ${share(us)}`).join(', ')}`);
    for (const [name, us] of sorted(byFunction)) lines.push(`  ${share(us).padStart(6)}  ${name}`);
  }
  return lines;
}
