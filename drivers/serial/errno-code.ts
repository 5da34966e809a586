/** The errno `code` (`ECONNREFUSED`, `ENOENT`…) a Node error carries, if it carries one. */
export const errnoCode = (e: unknown): string | undefined =>
  typeof e === 'object' && e !== null && typeof (e as { code?: unknown }).code === 'string' ? (e as { code: string }).code : undefined;
