/**
 * A supervisor's fleet view, as the browser holds it: logged in through `POST /api/login`, the `hub_session` cookie on
 * the `/fleet` socket.io namespace, `fleet:station` rows arriving as stations report. It measures how long a status
 * takes from the station's emit (`status.at`) to its row here, and commands' round trips through the HTTP API.
 */
import { io, type Socket } from 'socket.io-client';
import { CommandResultSchema, type HubCommand } from '../../../app/hub/hub-protocol.schema';
import { FLEET_EVENTS, FleetStationSchema } from '../../../app/hub/fleet.schema';
import { FLEET_NAMESPACE } from '../../../app/hub/hub-protocol.schema';
import { FleetSnapshotSchema, MeSchema, type FleetSnapshot } from '../../../app/hub/fleet-api.schema';

export class FleetViewer {
  private socket: Socket | undefined;
  private readonly seen = new Set<string>();
  private window: { from: number; to: number } | null = null;
  /** status-to-row latencies (ms) per group of stations (e.g. the hub each station is on). */
  readonly latencies = new Map<string, number[]>();
  rows = 0;
  invalidRows = 0;

  private constructor(
    private readonly url: string,
    private readonly cookie: string,
    private readonly groupOf: (stationId: string) => string,
  ) {}

  static async login(url: string, username: string, password: string, groupOf: (stationId: string) => string): Promise<FleetViewer> {
    const response = await fetch(`${url}/api/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ username, password }) });
    if (!response.ok) throw new Error(`login refused: ${response.status} ${await response.text()}`);
    MeSchema.parse(await response.json());
    const cookie = response.headers.getSetCookie().map((c) => c.split(';')[0] ?? '').find((c) => c.startsWith('hub_session='));
    if (!cookie) throw new Error('login set no hub_session cookie');
    return new FleetViewer(url, cookie, groupOf);
  }

  async connect(): Promise<void> {
    const socket = io(`${this.url}${FLEET_NAMESPACE}`, { extraHeaders: { cookie: this.cookie }, transports: ['websocket'], forceNew: true });
    this.socket = socket;
    socket.on(FLEET_EVENTS.station, (raw: unknown) => this.onRow(raw));
    await new Promise<void>((resolve, reject) => {
      socket.once('connect', () => resolve());
      socket.once('connect_error', (error) => reject(new Error(`fleet namespace refused: ${error.message}`)));
    });
  }

  /** Counts rows whose status was sent in [from, to] (ms); each status once, at its first row. */
  measure(from: number, to: number): void {
    this.window = { from, to };
    this.latencies.clear();
    this.seen.clear();
  }

  /** Ends the window at `to`: statuses sent later are not counted (rows still on their way for earlier ones are). */
  endWindow(to: number): void {
    if (this.window) this.window = { ...this.window, to };
  }

  async snapshot(): Promise<FleetSnapshot> {
    const response = await fetch(`${this.url}/api/fleet`, { headers: { cookie: this.cookie } });
    if (!response.ok) throw new Error(`GET /api/fleet: ${response.status}`);
    return FleetSnapshotSchema.parse(await response.json());
  }

  /** One command through the HTTP API: its round trip (ms) and whether the station carried it out. */
  async command(stationId: string, command: HubCommand): Promise<{ ms: number; ok: boolean; error?: string }> {
    const started = performance.now();
    const response = await fetch(`${this.url}/api/stations/${encodeURIComponent(stationId)}/commands`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', cookie: this.cookie },
      body: JSON.stringify({ command, reason: 'fleet bench' }),
    });
    const body: unknown = await response.json();
    const ms = performance.now() - started;
    if (!response.ok) return { ms, ok: false, error: `${response.status} ${JSON.stringify(body)}` };
    const result = CommandResultSchema.parse(body);
    return { ms, ok: result.ok, ...(result.error ? { error: result.error } : {}) };
  }

  close(): void {
    this.socket?.close();
  }

  private onRow(raw: unknown): void {
    const arrived = Date.now();
    this.rows += 1;
    const row = FleetStationSchema.safeParse(raw);
    if (!row.success) {
      this.invalidRows += 1;
      return;
    }
    const status = row.data.status;
    if (!status || !this.window || status.at < this.window.from || status.at > this.window.to) return;
    const key = `${row.data.stationId}@${status.at}`;
    if (this.seen.has(key)) return;
    this.seen.add(key);
    const group = this.groupOf(row.data.stationId);
    const list = this.latencies.get(group) ?? [];
    list.push(arrived - status.at);
    this.latencies.set(group, list);
  }
}
