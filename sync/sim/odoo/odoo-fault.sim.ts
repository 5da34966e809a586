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
}
