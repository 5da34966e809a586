/**
 * Migrations for the shift figures (README "Shift figures"): the panel and the hub report read the last few hours of
 * records, and these tables only ever grow, so each read goes by time through an index instead of scanning years.
 * Same rules as `migrations.ts`: never edit one that shipped; append.
 */
export const shiftIndexes = `
CREATE INDEX parcels_by_packed_at ON parcels(packed_at);
CREATE INDEX pickings_packed_by_packed_at ON pickings_packed(packed_at);
CREATE INDEX print_jobs_by_created_at ON print_jobs(created_at);
CREATE INDEX print_audit_by_action_at ON print_audit(action, at);
CREATE INDEX carrier_exceptions_by_opened_at ON carrier_exceptions(opened_at);
`;
