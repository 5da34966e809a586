import { useCallback, useState } from 'react';
import type { StationCommandRequest } from '../../../app/hub/fleet-api.schema';
import type { CommandResult } from '../../../app/hub/hub-protocol.schema';
import { errorText, FleetApiError, fleetApi } from '../api/fleet-http';

export interface CommandOutcome {
  /** What was asked, for the answer's heading ("station.pause"). */
  kind: string;
  result: CommandResult | null;
  /** The hub's refusal (409: the station is offline) or the transport's failure. */
  error: string | null;
}

/** Sends one command at a time to a station and keeps its answer (or why there is none) for the view. */
export function useStationCommand(stationId: string, onDone: () => void) {
  const [busy, setBusy] = useState(false);
  const [outcome, setOutcome] = useState<CommandOutcome | null>(null);
  const send = useCallback(
    async (request: StationCommandRequest): Promise<CommandResult | null> => {
      setBusy(true);
      const kind = request.command.kind;
      try {
        const result = await fleetApi.command(stationId, request);
        setOutcome({ kind, result, error: result.ok ? null : (result.error ?? 'the station refused') });
        return result;
      } catch (err) {
        const offline = err instanceof FleetApiError && err.status === 409;
        setOutcome({ kind, result: null, error: offline ? `Station offline: ${errorText(err)}` : errorText(err) });
        return null;
      } finally {
        setBusy(false);
        onDone();
      }
    },
    [stationId, onDone],
  );
  return { busy, outcome, send, clear: () => setOutcome(null) };
}

export type StationCommand = ReturnType<typeof useStationCommand>;
