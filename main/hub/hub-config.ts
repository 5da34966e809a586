import { readFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { StationError } from '../../app/domain/errors';
import { HubConfigSchema, type HubConfig } from '../../app/hub/hub-config.schema';
import { isLoopbackHost } from '../../sync/http/url-policy';
import { describeIssues, readJsonFile } from '../config/load-config';

/** Addresses may come from the environment so a deployment can keep passwords in URLs out of hub.json. */
export const HUB_ENV = {
  databaseUrl: 'STATION_HUB_DATABASE_URL',
  redisUrl: 'STATION_HUB_REDIS_URL',
  adminPassword: 'STATION_HUB_ADMIN_PASSWORD',
} as const;

/** Secrets of the systems the hub reads may come from the environment instead of hub.json (README "Reconciliation"). */
export const HUB_SECRET_ENV = {
  odoo: { apiKey: 'STATION_HUB_ODOO_API_KEY' },
  easypost: { apiKey: 'STATION_HUB_EASYPOST_API_KEY', webhookSecret: 'STATION_HUB_EASYPOST_WEBHOOK_SECRET' },
  shippo: { apiKey: 'STATION_HUB_SHIPPO_API_KEY', webhookSecret: 'STATION_HUB_SHIPPO_WEBHOOK_SECRET' },
} as const;

/** hub.json with paths made absolute, env overrides applied and the TLS files read (PEM text). */
export interface ResolvedHubConfig extends Omit<HubConfig, 'tls'> {
  tls?: { cert: string; key: string };
}

function readPem(file: string, what: string): string {
  try {
    return readFileSync(file, 'utf8');
  } catch (cause) {
    throw new StationError('CONFIG', `cannot read the hub's TLS ${what} ${file}`, { cause });
  }
}

/** Validates a hub config object; `dataDir` and the TLS files are relative to `baseDir` (the file's folder). */
export function resolveHubConfig(raw: unknown, baseDir: string, env: NodeJS.ProcessEnv = process.env): ResolvedHubConfig {
  const withEnv = overrideFromEnv(raw, env);
  const parsed = HubConfigSchema.safeParse(withEnv);
  if (!parsed.success) throw new StationError('CONFIG', `hub config is invalid:\n${describeIssues(parsed.error)}`);
  const { tls, ...config } = parsed.data;
  // Stations refuse plain http off loopback, so a hub listening there without TLS could serve nobody but a sniffer.
  if (!tls && !isLoopbackHost(config.listen.host)) {
    throw new StationError('CONFIG', `hub listens on ${config.listen.host} without tls: set tls.cert/tls.key, or listen on loopback behind a TLS proxy`);
  }
  return {
    ...config,
    dataDir: resolve(baseDir, config.dataDir),
    ...(tls ? { tls: { cert: readPem(resolve(baseDir, tls.cert), 'certificate'), key: readPem(resolve(baseDir, tls.key), 'key') } } : {}),
  };
}

/** Env overrides go in before validation, so an env URL is checked like one written in the file. */
function overrideFromEnv(raw: unknown, env: NodeJS.ProcessEnv): unknown {
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) return raw;
  const out: Record<string, unknown> = { ...raw };
  const database = env[HUB_ENV.databaseUrl];
  const redis = env[HUB_ENV.redisUrl];
  if (database) out.database = { url: database };
  if (redis) out.redis = { url: redis };
  const withSecrets = (section: unknown, names: Readonly<Record<string, string>>): unknown => {
    if (typeof section !== 'object' || section === null || Array.isArray(section)) return section;
    const next: Record<string, unknown> = { ...section };
    for (const [key, name] of Object.entries(names)) if (env[name]) next[key] = env[name];
    return next;
  };
  if (out.odoo !== undefined) out.odoo = withSecrets(out.odoo, HUB_SECRET_ENV.odoo);
  const carriers = out.carriers;
  if (typeof carriers === 'object' && carriers !== null && !Array.isArray(carriers)) {
    const c = carriers as Record<string, unknown>;
    out.carriers = {
      ...c,
      ...(c.easypost !== undefined ? { easypost: withSecrets(c.easypost, HUB_SECRET_ENV.easypost) } : {}),
      ...(c.shippo !== undefined ? { shippo: withSecrets(c.shippo, HUB_SECRET_ENV.shippo) } : {}),
    };
  }
  return out;
}

export function loadHubConfigFile(file: string, env: NodeJS.ProcessEnv = process.env): ResolvedHubConfig {
  return resolveHubConfig(readJsonFile(file), dirname(resolve(file)), env);
}
