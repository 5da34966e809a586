import type { ExceptionFinding, ExceptionKind } from './exception.schema';
import type { ReconInput } from './recon-input.schema';
import { reconContext, type ReconContext } from './reconcile-context';
import { doneMissing, packedNotDone, unknownTracking } from './reconcile-odoo.rules';
import { orphanLabels, priceVariances, weightVariances } from './reconcile-platform.rules';
import { noTrackingProgress } from './reconcile-tracking.rules';

/** The kinds that compare the stations' ledgers with Odoo: checked only when Odoo was read. */
export const ODOO_RECON_KINDS = ['packed_not_done', 'done_missing_tracking', 'done_missing_label', 'done_missing_weight', 'unknown_tracking'] as const satisfies readonly ExceptionKind[];

/** The kinds that compare the ledgers with the carrier platforms: checked only when the platforms were read. */
export const PLATFORM_RECON_KINDS = ['orphan_label', 'weight_variance', 'price_variance', 'no_tracking_progress'] as const satisfies readonly ExceptionKind[];

/** Every kind a full reconciliation run checks. */
export const RECON_KINDS: readonly ExceptionKind[] = [...ODOO_RECON_KINDS, ...PLATFORM_RECON_KINDS];

/**
 * The kinds this run really checked: the store resolves open findings of these kinds that the run no longer finds,
 * and must not resolve those of a system that was not read (Odoo down is not "every picking fixed").
 */
export function checkedKinds(input: Pick<ReconInput, 'odooRead' | 'platformRead'>): ExceptionKind[] {
  return [...(input.odooRead ? ODOO_RECON_KINDS : []), ...(input.platformRead ? PLATFORM_RECON_KINDS : [])];
}

const ODOO_RULES: readonly ((ctx: ReconContext) => ExceptionFinding[])[] = [packedNotDone, doneMissing, unknownTracking];
const PLATFORM_RULES: readonly ((ctx: ReconContext) => ExceptionFinding[])[] = [orphanLabels, weightVariances, priceVariances, noTrackingProgress];

/**
 * One reconciliation run: the stations' ledgers against Odoo (when read) and the carrier platforms (when read), each
 * difference one finding, keyed `<kind>:<subject>` so that a later run finding it again names the same exception.
 * Pure and deterministic: the same input gives the same findings in the same order (by key; one finding per key).
 */
export function reconcile(input: ReconInput): ExceptionFinding[] {
  const ctx = reconContext(input);
  const rules = [...(input.odooRead ? ODOO_RULES : []), ...(input.platformRead ? PLATFORM_RULES : [])];
  const byKey = new Map<string, ExceptionFinding>();
  for (const found of rules.flatMap((rule) => rule(ctx))) if (!byKey.has(found.key)) byKey.set(found.key, found);
  return [...byKey.values()].sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0));
}
