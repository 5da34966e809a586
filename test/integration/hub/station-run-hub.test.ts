/**
 * The headless `station run` with a hub in its config: the token from STATION_HUB_TOKEN, the link shown in
 * `/api/status`, and a token the hub rotated kept in the data folder and used by the next start (kill -9 between),
 * though the environment still holds the old one.
 */
import type { ChildProcess } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, expect, it } from 'vitest';
import { startDemoWorld } from '../../../main/demo/demo.world';
import { agentStatus, killAgent, pollUntil, startAgent } from '../../support/agent-process';
import { cleanupAfterEach } from '../../support/cleanup';
import { HubPeer } from '../../support/hub-peer';

const cleanups = cleanupAfterEach();
const children: ChildProcess[] = [];
afterEach(() => {
  for (const c of children.splice(0)) c.kill('SIGKILL');
});

const OLD = 'tok-environment-0123456789abcdef';
const NEW = 'tok-rotated-0123456789abcdefghij';

it('station run links to the hub with the token from the environment, and after a rotation with the kept one', async () => {
  const peer = await HubPeer.start();
  cleanups.push(() => peer.close());
  const world = await startDemoWorld({ odooVersion: 17, scaleProtocol: 'mt-sics', uiPort: 0, dataDir: mkdtempSync(join(tmpdir(), 'station-run-hub-')) });
  cleanups.push(world.close);
  const stationId = world.config.stationId;
  peer.tokens.set(stationId, OLD);
  const configFile = join(mkdtempSync(join(tmpdir(), 'station-run-hub-config-')), 'station.json');
  writeFileSync(configFile, JSON.stringify({ ...world.config, ui: { host: '127.0.0.1', port: 0 }, hub: { url: peer.url } }));
  const env = { STATION_HUB_TOKEN: OLD };

  const first = await startAgent(configFile, children, env);
  await pollUntil(() => agentStatus(first.url), (s) => s.hub?.connected === true, 'the hub link in /api/status');
  expect(peer.handshakes.at(-1)).toEqual({ handshake: expect.objectContaining({ stationId, token: OLD }), refused: null });
  expect(peer.reportsOf(stationId).length).toBeGreaterThan(0);
  expect(await peer.command(stationId, { id: 'rotate-1', by: 'ana', command: { kind: 'token.rotate', token: NEW } })).toMatchObject({ ok: true });
  peer.tokens.set(stationId, NEW);
  peer.revoked.add(OLD);
  await killAgent(first);

  const second = await startAgent(configFile, children, env);
  await pollUntil(() => agentStatus(second.url), (s) => s.hub?.connected === true, 'the hub link after the restart');
  expect(peer.handshakes.at(-1)).toEqual({ handshake: expect.objectContaining({ token: NEW }), refused: null });
}, 60_000);
