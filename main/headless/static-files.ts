import { existsSync } from 'node:fs';
import { readFile, stat } from 'node:fs/promises';
import { dirname, extname, join, resolve, sep } from 'node:path';
import { fileURLToPath } from 'node:url';

/** The built renderer. Found from the source tree (tests, tsx) and from the bundle in dist/cli alike. */
export const RENDERER_DIST = findRendererDist(dirname(fileURLToPath(import.meta.url)));

function findRendererDist(from: string): string {
  for (const up of [join(from, '..', '..'), join(from, '..', '..', '..')]) {
    const candidate = join(up, 'renderer', 'dist');
    if (existsSync(join(candidate, 'index.html'))) return candidate;
  }
  return join(from, '..', '..', 'renderer', 'dist');
}

const CONTENT_TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.map': 'application/json; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.woff2': 'font/woff2',
  '.txt': 'text/plain; charset=utf-8',
};

export interface StaticFile {
  body: Buffer;
  contentType: string;
  cacheControl: string;
}

export type StaticLookup = StaticFile | { error: 400 | 404 };

/**
 * Maps a URL path to a file under `root`, or refuses. Anything that decodes to a path outside `root` (`..`, encoded
 * slashes, NUL bytes, absolute paths) is a 404 rather than a 403 so probing learns nothing about the disk.
 */
export async function lookupStatic(root: string, urlPath: string): Promise<StaticLookup> {
  let decoded: string;
  try {
    decoded = decodeURIComponent(urlPath);
  } catch {
    return { error: 400 };
  }
  if (decoded.includes('\0') || decoded.includes('\\')) return { error: 404 };
  const relative = decoded === '/' || decoded === '' ? 'index.html' : decoded.replace(/^\/+/, '');
  const base = resolve(root);
  const full = resolve(base, relative);
  if (!full.startsWith(base + sep)) return { error: 404 };
  const contentType = CONTENT_TYPES[extname(full).toLowerCase()];
  if (!contentType) return { error: 404 };
  try {
    const info = await stat(full);
    if (!info.isFile()) return { error: 404 };
    const body = await readFile(full);
    // Vite fingerprints everything under assets/, so those never change; index.html must always be revalidated.
    const cacheControl = relative.startsWith('assets/') ? 'public, max-age=31536000, immutable' : 'no-cache';
    return { body, contentType, cacheControl };
  } catch {
    return { error: 404 };
  }
}
