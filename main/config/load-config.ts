import { readFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { z } from 'zod';
import { StationConfigSchema, type StationConfig } from '../../app/domain/station-config.schema';
import { StationError } from '../../app/domain/errors';

/** Secrets may come from the environment so they never have to sit in the config file. */
export const SECRET_ENV = {
  odooApiKey: 'STATION_ODOO_API_KEY',
  carrierApiKey: 'STATION_CARRIER_API_KEY',
} as const;

export interface ResolvedConfig extends StationConfig {
  odoo: StationConfig['odoo'] & { apiKey: string };
  carrier: StationConfig['carrier'] & { apiKey: string };
}

/** Validates a config object, applies env overrides and resolves `dataDir` against `baseDir`. */
export function resolveConfig(raw: unknown, baseDir: string, env: NodeJS.ProcessEnv = process.env): ResolvedConfig {
  const parsed = StationConfigSchema.safeParse(raw);
  if (!parsed.success) {
    throw new StationError('CONFIG', `station config is invalid:\n${z.prettifyError(parsed.error)}`);
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
  };
}

export function loadConfigFile(file: string, env: NodeJS.ProcessEnv = process.env): ResolvedConfig {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (cause) {
    throw new StationError('CONFIG', `cannot read config file ${file}`, { cause });
  }
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch (cause) {
    throw new StationError('CONFIG', `config file ${file} is not valid JSON: ${(cause as Error).message}`, { cause });
  }
  return resolveConfig(raw, dirname(resolve(file)), env);
}
