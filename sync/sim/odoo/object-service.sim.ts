import { OdooFault } from './odoo-fault.sim';
import type { RecordStore } from './record-store.sim';
import type { Context, StockMethods } from './stock-methods.sim';
import type { WizardMethods } from './wizards.sim';
import { webRead } from './web-read.sim';
import { checkObjectReference } from './people-models.sim';

const READ_ONLY = new Set(['context_get', 'search', 'search_read', 'search_count', 'read', 'fields_get', 'check_access_rights', 'default_get', 'name_search', 'web_read', 'check_object_reference']);

export const isMutating = (method: string): boolean => !READ_ONLY.has(method);

const asIds = (value: unknown): number[] => (Array.isArray(value) ? value.filter((v): v is number => typeof v === 'number') : typeof value === 'number' ? [value] : []);
const asObject = (value: unknown): Record<string, unknown> => (typeof value === 'object' && value !== null && !Array.isArray(value) ? (value as Record<string, unknown>) : {});

/** The ORM's magic columns: `create` and `write` drop them from a caller's values without a word (models.py `bad_names`). */
export const LOG_ACCESS_COLUMNS: readonly string[] = ['create_uid', 'create_date', 'write_uid', 'write_date'];
const callerValues = (value: unknown): Record<string, unknown> => Object.fromEntries(Object.entries(asObject(value)).filter(([name]) => !LOG_ACCESS_COLUMNS.includes(name)));

/** markupsafe's `escape`. */
const MARKUP_ESCAPES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&#34;', "'": '&#39;' };

/** `object.execute_kw`'s `call_kw`: the ORM methods, then the business methods of the flow. */
export class ObjectService {
  constructor(
    private readonly store: RecordStore,
    private readonly stock: StockMethods,
    private readonly wizards: WizardMethods,
    private readonly version: number,
  ) {}

  execute(model: string, method: string, args: unknown[], kwargs: Record<string, unknown>): unknown {
    this.store.def(model);
    if (method.startsWith('_')) throw new OdooFault('odoo.exceptions.AccessError', `Private methods (such as ${model}.${method}) cannot be called remotely.`);
    const context = asObject(kwargs.context) as Context;
    const opts = {
      offset: typeof kwargs.offset === 'number' ? kwargs.offset : 0,
      limit: typeof kwargs.limit === 'number' ? kwargs.limit : undefined,
      order: typeof kwargs.order === 'string' ? kwargs.order : undefined,
    };
    const fieldsArg = (kwargs.fields ?? args[1]) as string[] | undefined;
    switch (method) {
      case 'search':
        return this.store.search(model, (args[0] ?? kwargs.domain ?? []) as unknown[], opts);
      case 'search_count':
        return this.store.search(model, (args[0] ?? kwargs.domain ?? []) as unknown[]).length;
      case 'search_read': {
        const ids = this.store.search(model, (args[0] ?? kwargs.domain ?? []) as unknown[], opts);
        return this.store.read(model, ids, fieldsArg);
      }
      case 'read':
        return this.store.read(model, asIds(args[0] ?? kwargs.ids), fieldsArg);
      case 'web_read':
        if (this.version >= 17) return webRead(this.store, model, asIds(args[0] ?? kwargs.ids), asObject(args[1] ?? kwargs.specification));
        break;
      case 'check_access_rights':
        return true;
      case 'create': {
        const many = Array.isArray(args[0]);
        const list = (many ? (args[0] as unknown[]) : [args[0]]).map(callerValues);
        const ids = list.map((vals) => (this.wizards.handles(model) ? this.wizards.create(model, vals, context) : this.store.create(model, vals, context)));
        if (model === 'stock.move.line') for (const id of ids) this.stock.quants.created(id);
        return many ? ids : ids[0];
      }
      case 'write':
        // Move lines keep their quants' reservations in step (stock-quants.sim.ts).
        if (model === 'stock.move.line') this.stock.quants.write(asIds(args[0]), callerValues(args[1] ?? kwargs.vals));
        else this.store.write(model, asIds(args[0]), callerValues(args[1] ?? kwargs.vals));
        return true;
      case 'unlink': {
        const ids = asIds(args[0]);
        for (const id of ids) this.store.get(model, id);
        if (model === 'stock.move.line') this.stock.quants.unlink(ids);
        else this.store.unlink(model, ids);
        return true;
      }
    }
    const ids = asIds(args[0]);
    for (const id of ids) this.store.get(model, id);
    if (model === 'res.users' && method === 'context_get') return { lang: 'en_US', tz: 'Europe/Brussels', uid: 2 };
    if (model === 'ir.model.data' && method === 'check_object_reference') return checkObjectReference(this.store, args, kwargs);
    if (model === 'stock.picking' && method === 'action_put_in_pack') return this.stock.actionPutInPack(ids, context);
    if (model === 'stock.picking' && method === 'button_validate') return this.stock.buttonValidate(ids, context);
    if (model === 'stock.picking' && method === 'action_cancel') return this.stock.actionCancel(ids);
    if (model === 'mail.activity' && method === 'action_feedback') return this.activityDone(ids, kwargs.feedback ?? args[1]);
    if (model === 'stock.picking' && method === 'message_post') return this.messagePost(model, ids, kwargs);
    if (this.wizards.handles(model)) return this.wizards.call(model, method, ids, context);
    throw new OdooFault('builtins.AttributeError', `The method '${model}.${method}' does not exist`);
  }

  /**
   * mail.thread's `message_post` on one record (it calls ensure_one): a str body is text, escaped as 17+ do unless
   * `body_is_html` (their RPC flag); 16 stores it as HTML (sanitized), which for plain text is taken as escaping too.
   * The message's id is the answer (16–18 `api.returns`).
   */
  private messagePost(model: string, ids: number[], kwargs: Record<string, unknown>): number {
    if (ids.length !== 1) throw new OdooFault('builtins.ValueError', `Expected singleton: ${model}(${ids.join(', ')},)`);
    const text = typeof kwargs.body === 'string' ? kwargs.body : '';
    const html = this.version >= 17 ? kwargs.body_is_html === true : text.startsWith('<');
    const body = html ? text : text.replace(/[&<>"']/g, (c) => MARKUP_ESCAPES[c] ?? c);
    const messageType = typeof kwargs.message_type === 'string' ? kwargs.message_type : 'notification';
    const subject = typeof kwargs.subject === 'string' ? kwargs.subject : false;
    return this.store.create('mail.message', { model, res_id: ids[0], body, message_type: messageType, subject });
  }

  /**
   * Mark Done: a chatter message on its record says it was done (with the feedback); the first message's id is
   * returned. The activity is deleted, or on 19 (whose activities have `feedback`) archived with the feedback.
   */
  private activityDone(ids: number[], feedback: unknown): number | false {
    const keeps = 'feedback' in this.store.def('mail.activity').fields;
    let message: number | false = false;
    for (const id of ids) {
      const activity = this.store.get('mail.activity', id);
      const record = this.store.read('mail.activity', [id], ['res_model'])[0];
      const body = `${String(activity.summary || 'Activity')} done${typeof feedback === 'string' && feedback ? `: ${feedback}` : ''}`;
      message ||= this.store.create('mail.message', { model: record?.res_model ?? false, res_id: activity.res_id, body, message_type: 'notification' });
      if (keeps) this.store.write('mail.activity', [id], { active: false, ...(typeof feedback === 'string' && feedback ? { feedback } : {}) });
      else this.store.unlink('mail.activity', [id]);
    }
    return message;
  }
}
