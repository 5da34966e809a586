/**
 * The diagnostics bundle a supervisor asks for through the hub: enough to see what is wrong at a station without a
 * remote shell, and no secret — the config has every secret key masked, and each configured secret value (API keys,
 * the hub token) is masked in the log lines too, whatever key or message carried it.
 */
import type { StationStatus } from '../../app/domain';
import { DiagnosticsBundleSchema, type DiagnosticsBundle } from '../../app/hub/diagnostics.schema';
import { maskSecretKeys, maskSecretValues, secretValues } from '../../app/hub/secret-mask';
import type { ResolvedConfig } from '../config/load-config';
import { recentLogLines } from '../log';

export interface DiagnosticsSources {
  config: ResolvedConfig;
  version: string;
  status(): StationStatus;
  /** The token in use now (it may have been rotated since the config was read). */
  hubToken(): string;
  startedAt: number;
  now(): number;
}

export function buildDiagnostics(src: DiagnosticsSources): DiagnosticsBundle {
  const status = src.status();
  const secrets = [...secretValues(src.config), src.hubToken()];
  const { devices } = status;
  const config = src.config;
  return DiagnosticsBundleSchema.parse({
    stationId: config.stationId,
    at: src.now(),
    versions: { station: src.version, node: process.versions.node, electron: process.versions.electron ?? null, platform: `${process.platform}-${process.arch}` },
    uptimeS: Math.max(0, (src.now() - src.startedAt) / 1000),
    devices: [
      { role: 'scale', address: config.scale.path, state: devices.scale.state, detail: devices.scale.detail ?? null },
      { role: 'scanner', address: config.scanner.path, state: devices.scanner.state, detail: devices.scanner.detail ?? null },
      { role: 'labelPrinter', address: config.labelPrinter.url, state: devices.labelPrinter.state, detail: devices.labelPrinter.detail ?? null },
    ],
    config: maskSecretKeys(config),
    logs: recentLogLines().map((line) => maskSecretValues(line, secrets)),
    status,
  });
}
