import { randomUUID } from 'node:crypto';
import type { IncomingMessage } from 'node:http';
import { errorMessage } from '../../app/domain/errors';
import { StationCommandRequestSchema, TokenRequestSchema } from '../../app/hub/fleet-api.schema';
import type { HubRole } from '../../app/hub/fleet.schema';
import { CommandResultSchema, HUB_EVENTS, STATION_NAMESPACE, type CommandResult, type HubCommand } from '../../app/hub/hub-protocol.schema';
import type { AuditEntry } from '../../app/hub/fleet.schema';
import type { HubUser } from '../../app/hub/hub.ports';
import { HttpError, readBody } from './hub-http';
import { stationRoom, type HubContext } from './hub-context';

const RANK: Record<HubRole, number> = { viewer: 0, supervisor: 1, admin: 2 };
export const hasRole = (user: HubUser, needed: HubRole): boolean => RANK[user.role] >= RANK[needed];

type Audit = Pick<AuditEntry, 'action' | 'stationId' | 'detail'>;

async function audit(ctx: HubContext, user: HubUser, what: Audit, outcome: AuditEntry['outcome'], error: string | null = null): Promise<void> {
  await ctx.store.audit.record({ at: ctx.clock.now(), username: user.username, ...what, outcome, error });
}

/** Refused for the role, audited as such: a viewer's attempt to command a station is worth knowing about. */
async function requireRole(ctx: HubContext, user: HubUser, needed: HubRole, what: Audit): Promise<void> {
  if (hasRole(user, needed)) return;
  const error = `${needed} role required (you are ${user.role})`;
  await audit(ctx, user, what, 'refused', error);
  throw new HttpError(403, error);
}

/**
 * Sends a command to the station's room, whichever hub holds its socket (the adapter carries it), and waits for the
 * station's answer. No socket in the room, or no answer in time: the station counts as offline.
 */
async function sendCommand(ctx: HubContext, stationId: string, command: HubCommand, by: string, reason?: string): Promise<CommandResult | 'offline'> {
  const envelope = { id: randomUUID(), by, ...(reason ? { reason } : {}), command };
  let answers: unknown[];
  try {
    answers = await ctx.io.of(STATION_NAMESPACE).to(stationRoom(stationId)).timeout(ctx.config.commandTimeoutMs).emitWithAck(HUB_EVENTS.command, envelope);
  } catch (err) {
    ctx.log.warn({ stationId, kind: command.kind, err: errorMessage(err) }, 'command not answered');
    return 'offline';
  }
  if (answers.length === 0) return 'offline';
  const results = answers.map((a) => CommandResultSchema.safeParse(a));
  const valid = results.find((r) => r.success && r.data.id === envelope.id);
  if (!valid?.success) throw new HttpError(502, 'the station answered with something that is not a command result');
  return valid.data;
}

/** POST /api/stations/:id/commands (supervisor). */
export async function commandStation(ctx: HubContext, user: HubUser, stationId: string, req: IncomingMessage): Promise<CommandResult> {
  const body = await readBody(req, StationCommandRequestSchema);
  const what: Audit = { action: `command:${body.command.kind}`, stationId, detail: { command: body.command, reason: body.reason ?? null } };
  await requireRole(ctx, user, 'supervisor', what);
  const result = await sendCommand(ctx, stationId, body.command, user.username, body.reason).catch(async (err: unknown) => {
    await audit(ctx, user, what, 'failed', errorMessage(err));
    throw err;
  });
  if (result === 'offline') {
    await audit(ctx, user, what, 'failed', 'station offline');
    throw new HttpError(409, 'station offline');
  }
  await audit(ctx, user, what, result.ok ? 'ok' : 'failed', result.error ?? null);
  return result;
}

/** POST /api/stations/:id/token (admin): issue, revoke or rotate; the plain token is answered once, never audited. */
export async function tokenAction(ctx: HubContext, user: HubUser, stationId: string, req: IncomingMessage): Promise<{ token?: string; rotated?: boolean }> {
  const { action } = await readBody(req, TokenRequestSchema);
  const what: Audit = { action: `token:${action}`, stationId, detail: {} };
  await requireRole(ctx, user, 'admin', what);
  const now = ctx.clock.now();
  try {
    if (action === 'issue') {
      const token = await ctx.store.tokens.issue(stationId, now);
      await audit(ctx, user, what, 'ok');
      void ctx.fleet.pushFromStore(stationId);
      return { token };
    }
    if (action === 'revoke') {
      await ctx.store.tokens.revoke(stationId, now);
      // Every hub drops the station's sockets now; its next handshake is refused by the store.
      ctx.io.of(STATION_NAMESPACE).in(stationRoom(stationId)).disconnectSockets(true);
      await audit(ctx, user, what, 'ok');
      return {};
    }
    return await rotate(ctx, user, stationId, what);
  } catch (err) {
    if (!(err instanceof HttpError)) await audit(ctx, user, what, 'failed', errorMessage(err));
    throw err;
  }
}

/** The station gets its new token over its live link; only once it says it has it is the old one refused. */
async function rotate(ctx: HubContext, user: HubUser, stationId: string, what: Audit): Promise<{ rotated: boolean }> {
  const token = await ctx.store.tokens.rotate(stationId, ctx.clock.now());
  const result = await sendCommand(ctx, stationId, { kind: 'token.rotate', token }, user.username);
  if (result === 'offline') {
    await audit(ctx, user, what, 'failed', 'station offline');
    throw new HttpError(409, 'station offline');
  }
  if (!result.ok) {
    await audit(ctx, user, what, 'failed', result.error ?? 'the station refused the new token');
    throw new HttpError(502, `the station did not take the new token: ${result.error ?? 'refused'}`);
  }
  await ctx.store.tokens.promote(stationId, ctx.clock.now());
  await audit(ctx, user, what, 'ok');
  return { rotated: true };
}
