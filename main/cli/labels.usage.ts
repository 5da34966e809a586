/** Kept apart from the command so `station help` does not load SQLite. */
export const LABELS_USAGE = `  station labels [--limit N] (--config <station.json> | --db <station.db>) [--json]
        the labels the station bought (rate, carrier and service, why the policy chose it) and those it voided, with
        what the platform answered about their refund
  station void <reference> --reason "…" [--by NAME] (--config <station.json> | --db <station.db>)
        voids a parcel's label (reference as \`station labels\` shows it, e.g. WH/OUT/00012#1): its postage is asked
        back from the platform, its tracking code and copy leave the picking in Odoo, and the parcel can get a new
        label; safe while the station runs (it sends both within a second); who: --by, else your login
`;
