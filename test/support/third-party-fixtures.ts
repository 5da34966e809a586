import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

/** The one place that knows where the third-party fixtures live (test/fixtures, provenance in each SOURCE.md). */
export const THIRD_PARTY_FIXTURES = fileURLToPath(new URL('../fixtures/', import.meta.url));

/** Absolute path of a fixture file: `fixturePath('scales', 'vectors.json')`. */
export const fixturePath = (...parts: string[]): string => join(THIRD_PARTY_FIXTURES, ...parts);

export const readFixture = (encoding: BufferEncoding, ...parts: string[]): string => readFileSync(fixturePath(...parts), encoding);
