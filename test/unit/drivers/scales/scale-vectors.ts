import { z } from 'zod';
import { readFixture } from '../../../support/third-party-fixtures';

/** The byte-exact protocol vectors (see test/fixtures/scales/SOURCE.md and VECTORS.md). */

const VectorSchema = z.object({
  id: z.string(),
  protocol: z.string(),
  request: z.string(),
  response: z.string(),
  expected: z.record(z.string(), z.unknown()),
  provenance: z.string(),
  odoo_regex_check: z.object({ measure: z.number().nullable(), status_char: z.string().nullable().optional() }).optional(),
});
export type ScaleVector = z.infer<typeof ScaleVectorFileSchema>['vectors'][number];

const ScaleVectorFileSchema = z.object({ vectors: z.array(VectorSchema) });

const all = ScaleVectorFileSchema.parse(JSON.parse(readFixture('utf8', 'scales', 'vectors.json'))).vectors;

export const vectorsWithPrefix = (prefix: string): ScaleVector[] => all.filter((vector) => vector.id.startsWith(prefix));

/** JSON strings hold the bytes as code points 0-255. */
export const bytes = (text: string): Buffer => Buffer.from(text, 'latin1');
