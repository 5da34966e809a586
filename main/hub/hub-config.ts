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
  return out;
}

export function loadHubConfigFile(file: string, env: NodeJS.ProcessEnv = process.env): ResolvedHubConfig {
  return resolveHubConfig(readJsonFile(file), dirname(resolve(file)), env);
}
