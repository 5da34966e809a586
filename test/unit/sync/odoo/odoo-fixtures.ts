import { z } from 'zod';
import { readFixture } from '../../../support/third-party-fixtures';

/** test/fixtures/odoo-jsonrpc (provenance in its SOURCE.md). */
const load = (name: string): unknown => JSON.parse(readFixture('utf8', 'odoo-jsonrpc', name));

export const errorExamples = z
  .object({ examples: z.array(z.object({ id: z.string(), response: z.record(z.string(), z.unknown()) })) })
  .parse(load('error_shapes.json')).examples;

export const envelopeExamples = z
  .object({ examples: z.array(z.object({ id: z.string(), response: z.record(z.string(), z.unknown()).optional() })) })
  .parse(load('jsonrpc_envelopes.json')).examples;

export const externalApiCalls = z
  .object({ calls: z.array(z.object({ service: z.string(), method: z.string(), op: z.string().optional(), result: z.unknown().optional() })) })
  .parse(load('external_api_examples.json')).calls;
