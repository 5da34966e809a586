import { readFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { z } from 'zod';
import { StationConfigSchema, type StationConfig } from '../../app/domain/station-config.schema';
import { StationError } from '../../app/domain/errors';
import { isLoopbackHost } from '../../sync/http/url-policy';

/** Secrets may come from the environment so they never have to sit in the config file. */
export const SECRET_ENV = {
  odooApiKey: 'STATION_ODOO_API_KEY',
  carrierApiKey: 'STATION_CARRIER_API_KEY',
  hubToken: 'STATION_HUB_TOKEN',
} as const;

export interface ResolvedConfig extends StationConfig {
  odoo: StationConfig['odoo'] & { apiKey: string };
  carrier: StationConfig['carrier'] & { apiKey: string };
  /** `token`: `STATION_HUB_TOKEN` or `hub.token`; a token the hub rotated, kept by the station, wins over both. */
  hub?: NonNullable<StationConfig['hub']> & { token: string | undefined };
}

/**
 * The domain schema plus what only this host can check (the domain stays free of node:*): the UI, which carries scan
 * and reprint commands, is served on loopback only — refused here, before any device or port is opened.
 */
const LoadableConfigSchema = StationConfigSchema.superRefine((config, ctx) => {
  if (!isLoopbackHost(config.ui.host)) {
    ctx.addIssue({
      code: 'custom',
      path: ['ui', 'host'],
      message: `"${config.ui.host}" is not a loopback address: the station UI is served on 127.0.0.1, ::1 or localhost only`,
    });
  }
});

/** Zod names an unknown key at its parent (`labelPrinter`): say the field itself, `labelPrinter.ulr`. */
export function describeIssues(error: z.ZodError): string {
  const unknown = error.issues.flatMap((issue) =>
    issue.code === 'unrecognized_keys' ? issue.keys.map((key) => [...issue.path, key].join('.')) : [],
  );
  const rest = new z.ZodError(error.issues.filter((issue) => issue.code !== 'unrecognized_keys'));
  const lines = unknown.map((field) => `✖ unknown field ${field} (not a setting the station knows: a typo?)`);
  if (rest.issues.length > 0) lines.push(z.prettifyError(rest));
  return lines.join('\n');
}

/** Validates a config object, applies env overrides and resolves `dataDir` against `baseDir`. */
export function resolveConfig(raw: unknown, baseDir: string, env: NodeJS.ProcessEnv = process.env): ResolvedConfig {
  const parsed = LoadableConfigSchema.safeParse(raw);
  if (!parsed.success) {
    throw new StationError('CONFIG', `station config is invalid:\n${describeIssues(parsed.error)}`);
  }
  const config = parsed.data;
  const odooKey = env[SECRET_ENV.odooApiKey] ?? config.odoo.apiKey;
  const carrierKey = env[SECRET_ENV.carrierApiKey] ?? config.carrier.apiKey;
  if (!odooKey) throw new StationError('CONFIG', `Odoo API key missing: set odoo.apiKey or ${SECRET_ENV.odooApiKey}`);
  if (!carrierKey) throw new StationError('CONFIG', `carrier API key missing: set carrier.apiKey or ${SECRET_ENV.carrierApiKey}`);
  return {
    ...config,
    dataDir: resolve(baseDir, config.dataDir),
    odoo: { ...config.odoo, apiKey: odooKey },
    carrier: { ...config.carrier, apiKey: carrierKey },
    hub: config.hub ? { ...config.hub, token: env[SECRET_ENV.hubToken] ?? config.hub.token } : undefined,
  };
}

/** A JSON config file's content, or a CONFIG error that names the file. */
export function readJsonFile(file: string): unknown {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (cause) {
    throw new StationError('CONFIG', `cannot read config file ${file}`, { cause });
  }
  try {
    return JSON.parse(text);
  } catch (cause) {
    throw new StationError('CONFIG', `config file ${file} is not valid JSON: ${(cause as Error).message}`, { cause });
  }
}

export function loadConfigFile(file: string, env: NodeJS.ProcessEnv = process.env): ResolvedConfig {
  return resolveConfig(readJsonFile(file), dirname(resolve(file)), env);
}
