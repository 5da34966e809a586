/** `odoo-error`: a serialization failure (passes on retry); `invalid-field`: the ValueError a 19 gives a ≤18 field. */
export type FaultKind = 'http500' | 'drop' | 'odoo-error' | 'invalid-field' | 'malformed';

/**
 * A Python exception as the sandbox raises it: `name` is the class path Odoo puts in `error.data.name`
 * (`odoo.exceptions.UserError`, `builtins.ValueError`, ...). Raising one rolls the whole call back, as Odoo's
 * per-request transaction does.
 */
export class OdooFault extends Error {
  constructor(
    readonly odooName: string,
    message: string,
  ) {
    super(message);
    this.name = 'OdooFault';
  }

  static user(message: string): OdooFault {
    return new OdooFault('odoo.exceptions.UserError', message);
  }

  static missing(model: string, ids: readonly number[]): OdooFault {
    return new OdooFault('odoo.exceptions.MissingError', `Record does not exist or has been deleted.\n(Record: ${model}(${ids.join(', ')},), User: 2)`);
  }

  /** The exception of an injected fault, for the faults Odoo answers with one. */
  static injected(kind: FaultKind, model: string): OdooFault | null {
    if (kind === 'odoo-error') return new OdooFault('psycopg2.errors.SerializationFailure', 'could not serialize access due to concurrent update');
    if (kind === 'invalid-field') return new OdooFault('builtins.ValueError', `Invalid field 'mobile' on '${model}'`);
    return null;
  }
}
