import { z } from 'zod';
import { StationStatusSchema } from '../domain/status.schema';

/**
 * What a station sends when a supervisor asks for diagnostics: enough to see what is wrong without a remote shell.
 * Secrets never travel: the config has every secret replaced by `[secret]`, log lines are masked the same way.
 */
export const DiagnosticsBundleSchema = z.object({
  stationId: z.string(),
  at: z.number(),
  versions: z.object({ station: z.string(), node: z.string(), electron: z.string().nullable(), platform: z.string() }),
  uptimeS: z.number().nonnegative(),
  devices: z.array(z.object({ role: z.string(), address: z.string(), state: z.string(), detail: z.string().nullable() })),
  config: z.record(z.string(), z.unknown()),
  /** The station's most recent log lines, newest last, secrets masked. */
  logs: z.array(z.string()).max(1000),
  status: StationStatusSchema,
});
export type DiagnosticsBundle = z.infer<typeof DiagnosticsBundleSchema>;
