/** An authenticated `object.execute_kw` bound to one database and user, plus the server's major version. */
export interface OdooExec {
  readonly major: number;
  call(model: string, method: string, args: unknown[], kwargs?: Record<string, unknown>): Promise<unknown>;
}
