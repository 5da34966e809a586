import { z } from 'zod';

/**
 * Odoo's JSON-RPC reply. `result` may be absent altogether (a Python `None` on some versions), and `error.data` is
 * optional: both have been seen on real servers, so the schema tolerates them instead of calling the reply malformed.
 */
export const OdooErrorDataSchema = z.object({
  name: z.string().optional(),
  message: z.string().optional(),
  debug: z.string().optional(),
  arguments: z.array(z.unknown()).optional(),
  context: z.unknown().optional(),
});
export type OdooErrorData = z.infer<typeof OdooErrorDataSchema>;

export const OdooErrorSchema = z.object({
  code: z.number(),
  message: z.string(),
  data: OdooErrorDataSchema.optional(),
});

export const JsonRpcReplySchema = z.union([
  z.object({ jsonrpc: z.literal('2.0'), id: z.union([z.number(), z.string(), z.null()]).optional(), error: OdooErrorSchema }),
  // An `error` that fails the schema above must not pass as a success with no result.
  z.object({ jsonrpc: z.literal('2.0'), id: z.union([z.number(), z.string(), z.null()]).optional(), result: z.unknown().optional(), error: z.never().optional() }),
]);
export type JsonRpcReply = z.infer<typeof JsonRpcReplySchema>;
