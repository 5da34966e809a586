import { z } from 'zod';
import { StationError } from '../../app/domain/errors';
import type { OdooExec } from './odoo-exec';
import { parseReply } from './odoo-picking.reader';
import { WindowActionSchema, createdId } from './odoo-records.schema';
import type { WindowAction } from './odoo-records.schema';

/** Wizards `button_validate` may answer with instead of `True`, each followed by another `button_validate` inside. */
const MAX_WIZARDS = 5;

export async function readPickingState(odoo: OdooExec, pickingId: number): Promise<string> {
  const rows = parseReply(
    z.array(z.object({ id: z.number(), state: z.string() })),
    await odoo.call('stock.picking', 'read', [[pickingId]], { fields: ['state'] }),
    'picking read',
  );
  const state = rows[0]?.state;
  if (state === undefined) throw new StationError('NOT_FOUND', `odoo stock.picking ${pickingId} does not exist`);
  return state;
}

/**
 * Validates a picking the way a user clicking through the dialogs would: every wizard action is completed by
 * creating the wizard with the action's context (which carries `default_pick_ids`) and calling the button the
 * station's situation calls for. The state is read first because validating a done picking is a UserError (unless
 * the caller read it a moment ago: `knownState`).
 */
export async function validatePicking(odoo: OdooExec, pickingId: number, allPacked: () => Promise<boolean>, knownState?: string): Promise<void> {
  const state = knownState ?? (await readPickingState(odoo, pickingId));
  if (state === 'done') return;
  if (state === 'cancel') throw new StationError('REJECTED', `picking ${pickingId} is cancelled in Odoo`);

  let result = await odoo.call('stock.picking', 'button_validate', [[pickingId]]);
  for (let step = 0; step < MAX_WIZARDS; step++) {
    const action = WindowActionSchema.safeParse(result);
    if (!action.success) break;
    result = await completeWizard(odoo, [pickingId], action.data, allPacked);
  }

  // `True` is what Odoo answers once `_action_done` went through; a dialog left open or any other action is checked.
  if (result === true) return;
  const after = await readPickingState(odoo, pickingId);
  if (after !== 'done') {
    const pending = WindowActionSchema.safeParse(result);
    const why = pending.success ? `Odoo still asks for ${pending.data.res_model}` : `state is ${after}`;
    throw new StationError('REJECTED', `picking ${pickingId} was not validated: ${why}`);
  }
}

async function completeWizard(odoo: OdooExec, pickingIds: readonly number[], action: WindowAction, allPacked: () => Promise<boolean>): Promise<unknown> {
  const context: Record<string, unknown> = { ...(action.context ?? {}) };
  if (!Array.isArray(context.button_validate_picking_ids)) context.button_validate_picking_ids = [...pickingIds];
  const kwargs = { context };
  const pickIds = pickingIds.map((id) => [4, id]);

  let values: Record<string, unknown>;
  let method: string;
  switch (action.res_model) {
    case 'stock.immediate.transfer':
      // ≤15 filled these lines in an onchange only, which RPC never runs: give them explicitly.
      values = { pick_ids: pickIds, immediate_transfer_line_ids: pickingIds.map((id) => [0, 0, { picking_id: id, to_immediate: true }]) };
      method = 'process';
      break;
    case 'confirm.stock.sms':
      // The station is not the place to decide on customer SMS; Odoo asks once per company.
      values = { pick_ids: pickIds };
      method = 'dont_send_sms';
      break;
    case 'stock.backorder.confirmation': {
      const packedAll = await allPacked();
      values = { pick_ids: pickIds, backorder_confirmation_line_ids: pickingIds.map((id) => [0, 0, { picking_id: id, to_backorder: true }]) };
      // A short pick leaves the rest to a backorder; a complete pack has nothing left to wait for.
      method = packedAll ? 'process_cancel_backorder' : 'process';
      break;
    }
    default:
      throw new StationError('REJECTED', `validating picking ${pickingIds.join(', ')} opened an unexpected ${action.res_model} dialog`);
  }

  // Some wizards (SMS) are created by Odoo itself and arrive with a res_id.
  const wizardId = typeof action.res_id === 'number' ? action.res_id : parseReply(createdId, await odoo.call(action.res_model, 'create', [values], kwargs), `${action.res_model} create`);
  return odoo.call(action.res_model, method, [[wizardId]], kwargs);
}

/**
 * Validates several fully packed pickings with ONE `button_validate` on the set, as a batch script would; only the
 * company's one-time question on customer SMS is answered on the way (nothing is left to a backorder, and any other
 * dialog is left alone). Returns the pickings Odoo now shows done: all when it answered True, else as read back —
 * the others are for the caller to validate one by one.
 */
export async function validateTogether(odoo: OdooExec, pickingIds: readonly number[]): Promise<number[]> {
  const ids = [...pickingIds];
  let result = await odoo.call('stock.picking', 'button_validate', [ids]);
  for (let step = 0; step < MAX_WIZARDS; step++) {
    const action = WindowActionSchema.safeParse(result);
    if (!action.success || action.data.res_model !== 'confirm.stock.sms') break;
    result = await completeWizard(odoo, ids, action.data, async () => true);
  }
  if (result === true) return ids;
  const rows = parseReply(z.array(z.object({ id: z.number(), state: z.string() })), await odoo.call('stock.picking', 'read', [ids], { fields: ['state'] }), 'picking read');
  return rows.filter((r) => r.state === 'done').map((r) => r.id);
}
