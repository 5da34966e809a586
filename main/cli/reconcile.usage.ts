/** Kept apart from the command so `station help` does not load the hub. */
export const RECONCILE_USAGE = `  station reconcile --config <hub.json> [--since <ISO time | 24h | 7d>] [--until <ISO time>] [--as-of <ISO time>]
        one reconciliation now, on the hub's database (with an embedded database, only while the hub is stopped; a
        running hub takes it from the fleet view's Exceptions → Reconcile now): the stations' ledgers against Odoo and
        the carrier platforms in hub.json; prints each difference it finds (open in the exception queues). Default
        window: the last reconciliation.lookbackHours. --as-of judges ages (grace periods, days without tracking) as
        of that time
`;
