/**
 * Supervisors' commands that come through the hub, run on the station through the same channels its own panel uses
 * (dead letters are replayed and discarded through `outbox:*`, audited with the hub user's name and reason).
 */
import { SyncTargetSchema, type SyncTarget } from '../../app/domain/outbox-event.schema';
import { errorMessage } from '../../app/domain/errors';
import type { DiagnosticsBundle } from '../../app/hub/diagnostics.schema';
import type { CommandEnvelope, CommandResult, HubCommand } from '../../app/hub/hub-protocol.schema';
import type { LogSink } from '../../app/ports';
import type { HubTokenStore } from '../../sync/hub/hub-token.store';
import type { StationPause, StationPauseStore } from '../../sync/hub/station-pause.store';
import type { DeadLetterChannels } from './dead-letters.wiring';

export interface HubCommandDeps {
  /** The station's dead-letter decisions, audited as made through the hub. */
  deadLetters: () => DeadLetterChannels;
  pause: StationPauseStore;
  tokens: HubTokenStore;
  diagnostics(): DiagnosticsBundle;
  log: LogSink;
  /** A pause began or ended: report it to the hub now. */
  onPauseChange(pause: StationPause | null): void;
  /** A new token was stored: the next handshake uses it. */
  onToken(token: string): void;
}

type Outcome = { ok: true; detail?: unknown } | { ok: false; error: string; detail?: unknown };

export function createHubCommands(deps: HubCommandDeps): (envelope: CommandEnvelope) => Promise<CommandResult> {
  const run = async ({ command, by, reason }: CommandEnvelope): Promise<Outcome> => {
    switch (command.kind) {
      case 'dead-letters.replay':
        return replay(deps, command, by, reason);
      case 'dead-letters.discard':
        deps.deadLetters().discardDeadLetter(command.id, by, command.reason);
        return { ok: true, detail: { discarded: command.id } };
      case 'station.pause': {
        const paused = deps.pause.pause(by, command.reason);
        deps.onPauseChange(paused);
        return { ok: true, detail: { paused } };
      }
      case 'station.resume': {
        const was = deps.pause.resume();
        deps.onPauseChange(null);
        return { ok: true, detail: { resumed: was } };
      }
      case 'diagnostics':
        return { ok: true, detail: deps.diagnostics() };
      case 'token.rotate':
        deps.tokens.write(command.token);
        deps.onToken(command.token);
        return { ok: true, detail: { stored: true } };
    }
  };
  return async (envelope) => {
    let outcome: Outcome;
    try {
      outcome = await run(envelope);
    } catch (error) {
      outcome = { ok: false, error: errorMessage(error) };
    }
    // Who, what and why: never the command's own payload (a token).
    const fields = { commandId: envelope.id, kind: envelope.command.kind, by: envelope.by, reason: envelope.reason, ok: outcome.ok };
    if (outcome.ok) deps.log.info(fields, `hub command ${envelope.command.kind} done`);
    else deps.log.warn({ ...fields, err: outcome.error }, `hub command ${envelope.command.kind} refused`);
    return { id: envelope.id, ...outcome };
  };
}

async function replay(deps: HubCommandDeps, command: Extract<HubCommand, { kind: 'dead-letters.replay' }>, who: string, reason: string | undefined): Promise<Outcome> {
  if (command.ids !== undefined) {
    const refused: { id: number; error: string }[] = [];
    const replayed: number[] = [];
    for (const id of command.ids) {
      try {
        deps.deadLetters().replayDeadLetter(id, who, reason);
        replayed.push(id);
      } catch (error) {
        refused.push({ id, error: errorMessage(error) });
      }
    }
    const detail = { replayed, refused };
    return refused.length === 0 ? { ok: true, detail } : { ok: false, error: refused.map((r) => `#${r.id}: ${r.error}`).join('; '), detail };
  }
  const targets: SyncTarget[] = command.target !== undefined ? [command.target] : targetsWithDeadLetters(deps);
  const replayed: number[] = [];
  for (const target of targets) {
    try {
      replayed.push(...deps.deadLetters().replayAllDeadLetters(target, who, reason));
    } catch (error) {
      return { ok: false, error: errorMessage(error), detail: { replayed } };
    }
  }
  return { ok: true, detail: { replayed } };
}

function targetsWithDeadLetters(deps: HubCommandDeps): SyncTarget[] {
  const { letters } = deps.deadLetters().deadLetters(500);
  return SyncTargetSchema.options.filter((target) => letters.some((letter) => letter.target === target));
}
