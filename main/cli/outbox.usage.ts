/** Kept apart from the command so `station help` does not load SQLite. */
export const OUTBOX_USAGE = `  station outbox list|show <id>|replay <id>|discard <id> --reason "…"|replay --all --target odoo
        (--config <station.json> | --db <station.db>) [--who NAME] [--reason "…"] [--json]
        dead letters of the station's database, safe while the station runs: what went wrong, what to do, the
        masked payload; replay and discard are audited (who: --who, else your login); a running station sends a
        replayed event within a second
`;
