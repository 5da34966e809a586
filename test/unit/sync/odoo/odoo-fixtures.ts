import { readFileSync } from 'node:fs';
import { z } from 'zod';

/** `../shared/fixtures/odoo-jsonrpc` next to the repository (handbook §7; provenance in its SOURCE.md). */
const DIR = new URL('../../../../../shared/fixtures/odoo-jsonrpc/', import.meta.url);
const load = (name: string): unknown => JSON.parse(readFileSync(new URL(name, DIR), 'utf8'));

export const errorExamples = z
  .object({ examples: z.array(z.object({ id: z.string(), response: z.record(z.string(), z.unknown()) })) })
  .parse(load('error_shapes.json')).examples;

export const envelopeExamples = z
  .object({ examples: z.array(z.object({ id: z.string(), response: z.record(z.string(), z.unknown()).optional() })) })
  .parse(load('jsonrpc_envelopes.json')).examples;

export const externalApiCalls = z
  .object({ calls: z.array(z.object({ service: z.string(), method: z.string(), op: z.string().optional(), result: z.unknown().optional() })) })
  .parse(load('external_api_examples.json')).calls;
