import { z } from 'zod';
import {
  AuditResponseSchema,
  ChartsSchema,
  FleetSnapshotSchema,
  MeSchema,
  StationCommandResponseSchema,
  TokenListSchema,
  TokenResponseSchema,
  type Charts,
  type FleetSnapshot,
  type Me,
  type StationCommandRequest,
  type TokenRequest,
} from '../../../app/hub/fleet-api.schema';
import type { AuditEntry } from '../../../app/hub/fleet.schema';
import type { CommandResult } from '../../../app/hub/hub-protocol.schema';

/** An answer other than 2xx: `status` decides what the view does (401 → login again, 409 → the station is offline). */
export class FleetApiError extends Error {
  constructor(
    readonly status: number,
    message: string,
  ) {
    super(message);
    this.name = 'FleetApiError';
  }
}

const ErrorBodySchema = z.object({ error: z.string() });

/** Same-origin calls with the session cookie; every answer is parsed with its contract before the view sees it. */
export async function call<T>(schema: z.ZodType<T>, path: string, init: { method?: 'GET' | 'POST'; body?: unknown } = {}): Promise<T> {
  const res = await fetch(path, {
    method: init.method ?? 'GET',
    credentials: 'same-origin',
    headers: init.body === undefined ? { accept: 'application/json' } : { accept: 'application/json', 'content-type': 'application/json' },
    body: init.body === undefined ? undefined : JSON.stringify(init.body),
  });
  const text = await res.text();
  let json: unknown = null;
  try {
    json = text ? JSON.parse(text) : null;
  } catch {
    // A proxy's HTML error page: reported below with the status.
  }
  if (!res.ok) {
    const body = ErrorBodySchema.safeParse(json);
    throw new FleetApiError(res.status, body.success ? body.data.error : `${res.status} ${res.statusText}`);
  }
  const parsed = schema.safeParse(json);
  if (!parsed.success) throw new FleetApiError(res.status, `unexpected answer from ${path}: ${parsed.error.issues[0]?.message ?? 'invalid'}`);
  return parsed.data;
}

const Empty = z.object({}).passthrough();

export const fleetApi = {
  login: (username: string, password: string): Promise<Me> => call(MeSchema, '/api/login', { method: 'POST', body: { username, password } }),
  logout: async (): Promise<void> => void (await call(Empty, '/api/logout', { method: 'POST', body: {} })),
  me: (): Promise<Me> => call(MeSchema, '/api/me'),
  fleet: (): Promise<FleetSnapshot> => call(FleetSnapshotSchema, '/api/fleet'),
  charts: (hours: number): Promise<Charts> => call(ChartsSchema, `/api/charts?hours=${hours}`),
  command: (stationId: string, request: StationCommandRequest): Promise<CommandResult> =>
    call(StationCommandResponseSchema, `/api/stations/${encodeURIComponent(stationId)}/commands`, { method: 'POST', body: request }),
  audit: async (stationId: string, limit = 50): Promise<AuditEntry[]> =>
    (await call(AuditResponseSchema, `/api/audit?limit=${limit}&stationId=${encodeURIComponent(stationId)}`)).entries,
  tokens: async () => (await call(TokenListSchema, '/api/tokens')).tokens,
  token: (stationId: string, action: TokenRequest['action']) =>
    call(TokenResponseSchema, `/api/stations/${encodeURIComponent(stationId)}/token`, { method: 'POST', body: { action } }),
};
export type FleetApi = typeof fleetApi;

export const errorText = (err: unknown): string => (err instanceof Error ? err.message : String(err));
