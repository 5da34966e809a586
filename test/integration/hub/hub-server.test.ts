/**
 * One hub on PGlite, real socket.io-client stations speaking the protocol and a fleet view's HTTP session and socket:
 * handshakes, revocation, reports and ledger batches reaching the fleet, commands, roles and the audit trail.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Socket } from 'socket.io-client';
import { AuditResponseSchema, ChartsSchema, FleetSnapshotSchema, TokenListSchema } from '../../../app/hub/fleet-api.schema';
import { HUB_EVENTS, LedgerAckSchema, STATION_EVENTS, type CommandEnvelope, type CommandResult } from '../../../app/hub/hub-protocol.schema';
import type { HubLedgerEntry } from '../../../app/hub/ledger-event.schema';
import { stationReport } from '../../support/station-report';
import { FleetClient, connected, disconnected, refusal, startTestHub, stationSocket, type TestHub } from '../../support/hub-world';

let hub: TestHub;
let admin: FleetClient;
const sockets: Socket[] = [];
const track = (s: Socket) => (sockets.push(s), s);

beforeAll(async () => {
  hub = await startTestHub({ commandTimeoutMs: 1500 }, { STATION_HUB_ADMIN_PASSWORD: 'first-admin-pass' });
  admin = new FleetClient(hub.url);
  expect((await admin.login('admin', 'first-admin-pass')).status).toBe(200);
  await hub.store.users.put('sam', 'supervisor-pass', 'supervisor', Date.now());
  await hub.store.users.put('vic', 'viewer-pass', 'viewer', Date.now());
}, 60_000);
afterAll(async () => {
  sockets.forEach((s) => s.disconnect());
  await hub?.stop();
});

const ledgerEntries = (from: number, count: number): HubLedgerEntry[] =>
  Array.from({ length: count }, (_, i) => ({
    seq: from + i,
    at: Date.now(),
    fact: { type: 'label.bought', pickingId: 100 + i, pickingName: `WH/OUT/${100 + i}`, parcelIndex: 1, shipmentId: `shp_${i}`, trackingCode: `TRK${i}`, carrier: 'USPS', service: 'Priority', price: 7.5, currency: 'USD', isReturn: false },
  }));

async function issue(stationId: string): Promise<string> {
  const res = await admin.call('POST', `/api/stations/${stationId}/token`, { action: 'issue' });
  expect(res.status).toBe(200);
  const { token } = (await res.json()) as { token: string };
  return token;
}

describe('station handshake', () => {
  it('refuses a wrong token, an unknown station and a bad handshake; lets the right token in', async () => {
    const token = await issue('st-hand');
    expect(await refusal(track(stationSocket(hub.url, 'st-hand', 'x'.repeat(40))))).toBe('TOKEN_INVALID');
    expect(await refusal(track(stationSocket(hub.url, 'st-nobody', token)))).toBe('TOKEN_INVALID');
    expect(await refusal(track(stationSocket(hub.url, 'st-hand', 'short')))).toBe('BAD_HANDSHAKE');
    await connected(track(stationSocket(hub.url, 'st-hand', token)));
  });

  it('revoking disconnects the connected station at once, and its token is refused from then on', async () => {
    const token = await issue('st-rev');
    const station = await connected(track(stationSocket(hub.url, 'st-rev', token)));
    const gone = disconnected(station);
    const res = await admin.call('POST', '/api/stations/st-rev/token', { action: 'revoke' });
    expect(res.status).toBe(200);
    expect(await gone).toBe('io server disconnect');
    expect(await refusal(track(stationSocket(hub.url, 'st-rev', token)))).toBe('TOKEN_REVOKED');
    const audit = AuditResponseSchema.parse(await (await admin.call('GET', '/api/audit?stationId=st-rev')).json());
    expect(audit.entries.map((e) => [e.action, e.outcome, e.username])).toEqual([
      ['token:revoke', 'ok', 'admin'],
      ['token:issue', 'ok', 'admin'],
    ]);
    expect(JSON.stringify(audit.entries)).not.toContain(token);
  });
});

describe('reports and ledger reach the fleet', () => {
  it('a report arrives at a fleet socket as a FleetStation row and is stored', async () => {
    const token = await issue('st-rep');
    const view = admin.socket();
    track(view.socket);
    await new Promise<void>((resolve) => view.socket.once('connect', () => resolve()));
    const online = view.next((r) => r.stationId === 'st-rep' && r.online);
    const station = await connected(track(stationSocket(hub.url, 'st-rep', token)));
    await online;
    const fault = stationReport('st-rep', Date.now());
    fault.status.devices.labelPrinter = { state: 'fault', detail: 'paper_out', since: Date.now() };
    const reported = view.next((r) => r.stationId === 'st-rep' && r.status !== null);
    station.emit(STATION_EVENTS.status, { nonsense: true }); // dropped, logged
    station.emit(STATION_EVENTS.status, fault);
    const row = await reported;
    expect(row).toMatchObject({ online: true, version: '1.4.0', status: { stationId: 'st-rep' } });
    expect(row.printerFaultSince).toEqual(expect.any(Number));
    await expect.poll(async () => (await hub.store.reports.latest()).find((r) => r.stationId === 'st-rep')?.report.status.devices.labelPrinter.state).toBe('fault');
    const snapshot = FleetSnapshotSchema.parse(await (await admin.call('GET', '/api/fleet')).json());
    expect(snapshot.stations.find((s) => s.stationId === 'st-rep')).toMatchObject({ online: true, status: { stationId: 'st-rep' } });
  });

  it('a ledger batch sent twice is stored once and counted in the fleet row', async () => {
    const token = await issue('st-led');
    const view = admin.socket();
    track(view.socket);
    const station = await connected(track(stationSocket(hub.url, 'st-led', token)));
    const counted = view.next((r) => r.stationId === 'st-led' && r.labelsLastHour === 3);
    const batch = { entries: ledgerEntries(1, 3) };
    expect(LedgerAckSchema.parse(await station.emitWithAck(STATION_EVENTS.ledger, batch))).toEqual({ ok: true, stored: 3, highestSeq: 3 });
    expect(LedgerAckSchema.parse(await station.emitWithAck(STATION_EVENTS.ledger, batch))).toEqual({ ok: true, stored: 0, highestSeq: 3 });
    expect(await station.emitWithAck(STATION_EVENTS.ledger, { entries: [] })).toMatchObject({ ok: false });
    expect((await counted).labelsLastHour).toBe(3);
    expect(await hub.store.ledger.entries('st-led', 0, 10)).toHaveLength(3);
    const charts = ChartsSchema.parse(await (await admin.call('GET', '/api/charts?hours=2')).json());
    expect(charts.hourly.filter((h) => h.stationId === 'st-led').reduce((n, h) => n + h.labels, 0)).toBe(3);
  });
});

describe('commands', () => {
  it('a supervisor’s command reaches the station and its answer comes back; 409 once it is offline', async () => {
    const token = await issue('st-cmd');
    const station = await connected(track(stationSocket(hub.url, 'st-cmd', token)));
    const seen: CommandEnvelope[] = [];
    station.on(HUB_EVENTS.command, (envelope: CommandEnvelope, ack: (r: CommandResult) => void) => {
      seen.push(envelope);
      ack({ id: envelope.id, ok: true, detail: { paused: true } });
    });
    const sam = new FleetClient(hub.url);
    await sam.login('sam', 'supervisor-pass');
    const res = await sam.call('POST', '/api/stations/st-cmd/commands', { command: { kind: 'station.pause', reason: 'lunch' }, reason: 'lunch' });
    expect(res.status).toBe(200);
    expect(await res.json()).toMatchObject({ ok: true, detail: { paused: true } });
    expect(seen).toEqual([expect.objectContaining({ by: 'sam', reason: 'lunch', command: { kind: 'station.pause', reason: 'lunch' } })]);

    const gone = disconnected(station);
    station.disconnect();
    await gone;
    const offline = await sam.call('POST', '/api/stations/st-cmd/commands', { command: { kind: 'station.resume' } });
    expect(offline.status).toBe(409);
    expect(await offline.json()).toEqual({ error: 'station offline' });
    const audit = AuditResponseSchema.parse(await (await sam.call('GET', '/api/audit?stationId=st-cmd')).json());
    expect(audit.entries.map((e) => [e.username, e.action, e.outcome, e.error])).toEqual([
      ['sam', 'command:station.resume', 'failed', 'station offline'],
      ['sam', 'command:station.pause', 'ok', null],
      ['admin', 'token:issue', 'ok', null],
    ]);
  });

  it('rotation hands the station its new token over the link; the old one is refused once the station has it', async () => {
    const old = await issue('st-rot');
    const station = await connected(track(stationSocket(hub.url, 'st-rot', old)));
    let fresh = '';
    station.on(HUB_EVENTS.command, (envelope: CommandEnvelope, ack: (r: CommandResult) => void) => {
      if (envelope.command.kind === 'token.rotate') fresh = envelope.command.token;
      ack({ id: envelope.id, ok: true });
    });
    const res = await admin.call('POST', '/api/stations/st-rot/token', { action: 'rotate' });
    expect(await res.json()).toEqual({ rotated: true });
    expect(await hub.store.tokens.verify('st-rot', fresh)).toBe('ok');
    expect(await hub.store.tokens.verify('st-rot', old)).not.toBe('ok');
  });
});

describe('roles and sessions', () => {
  it('401 without a session, 403 below the role (audited for station actions), the fleet socket wants the cookie', async () => {
    const anonymous = new FleetClient(hub.url);
    expect((await anonymous.call('GET', '/api/fleet')).status).toBe(401);
    expect((await anonymous.login('vic', 'wrong')).status).toBe(401);
    const refused = anonymous.socket();
    track(refused.socket);
    expect(await new Promise((resolve) => refused.socket.once('connect_error', (e) => resolve(e.message)))).toBe('UNAUTHENTICATED');

    const vic = new FleetClient(hub.url);
    expect(await (await vic.login('vic', 'viewer-pass')).json()).toEqual({ username: 'vic', role: 'viewer' });
    expect((await vic.call('GET', '/api/fleet')).status).toBe(200);
    expect((await vic.call('GET', '/api/audit')).status).toBe(403);
    expect((await vic.call('POST', '/api/stations/st-x/commands', { command: { kind: 'station.resume' } })).status).toBe(403);
    expect((await vic.call('POST', '/api/stations/st-x/commands', { command: { kind: 'token.rotate', token: 'y'.repeat(30) } })).status).toBe(400);
    const sam = new FleetClient(hub.url);
    await sam.login('sam', 'supervisor-pass');
    expect((await sam.call('GET', '/api/tokens')).status).toBe(403);
    expect((await sam.call('POST', '/api/stations/st-x/token', { action: 'issue' })).status).toBe(403);
    const audit = AuditResponseSchema.parse(await (await admin.call('GET', '/api/audit?stationId=st-x')).json());
    expect(audit.entries.map((e) => [e.username, e.action, e.outcome])).toEqual([
      ['sam', 'token:issue', 'refused'],
      ['vic', 'command:station.resume', 'refused'],
    ]);
    const tokens = TokenListSchema.parse(await (await admin.call('GET', '/api/tokens')).json());
    expect(tokens.tokens.map((t) => t.stationId)).toContain('st-rev');

    const vicView = vic.socket();
    track(vicView.socket);
    await new Promise<void>((resolve) => vicView.socket.once('connect', () => resolve()));
    const closed = new Promise<string>((resolve) => vicView.socket.once('disconnect', (reason) => resolve(reason)));
    expect((await vic.call('POST', '/api/logout', {})).status).toBe(200);
    expect(await closed).toBe('io server disconnect');
    expect((await vic.call('GET', '/api/me')).status).toBe(401);
  });

  it('after five wrong passwords the account is locked for that address, the right password too, with 429', async () => {
    const guesser = new FleetClient(hub.url);
    for (let i = 0; i < 5; i++) expect((await guesser.login('sam', `guess-${i}`)).status).toBe(401);
    const locked = await guesser.login('sam', 'supervisor-pass');
    expect(locked.status).toBe(429);
    expect(await locked.json()).toEqual({ error: expect.stringMatching(/too many wrong passwords: try again in 15 min/) });
    // Another account is not locked by sam's guesser.
    expect((await new FleetClient(hub.url).login('vic', 'viewer-pass')).status).toBe(200);
  });

  it('refuses cross-site posts and non-JSON bodies', async () => {
    const res = await fetch(`${hub.url}/api/login`, { method: 'POST', headers: { 'content-type': 'application/json', origin: 'https://evil.example' }, body: '{}' });
    expect(res.status).toBe(403);
    const form = await fetch(`${hub.url}/api/login`, { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded' }, body: 'username=a&password=b' });
    expect(form.status).toBe(415);
  });
});

describe('the fleet view’s files', () => {
  it('serves fleet.html at / and its assets with a strict CSP, and nothing else', async () => {
    const page = await fetch(`${hub.url}/`);
    expect(page.status).toBe(200);
    expect(await page.text()).toContain('<title>Fleet</title>');
    const csp = page.headers.get('content-security-policy') ?? '';
    expect(csp).toContain("default-src 'self'");
    expect(csp).toContain("connect-src 'self' ws: wss:");
    expect(csp).toContain("frame-ancestors 'none'");
    expect(page.headers.get('x-content-type-options')).toBe('nosniff');
    expect((await fetch(`${hub.url}/assets/fleet.js`)).status).toBe(200);
    expect((await fetch(`${hub.url}/index.html`)).status).toBe(404);
    expect((await fetch(`${hub.url}/assets/..%2f..%2fpg`)).status).toBe(404);
  });
});
