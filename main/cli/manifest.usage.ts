/** Kept apart from the command so `station help` does not load SQLite or the carrier platforms. */
export const MANIFEST_USAGE = `  station manifest --config <station.json> [--carrier NAME] [--dry-run] [--json]
        the end-of-day manifest: today's bought outbound labels on no manifest yet, one form per carrier (account,
        ship-from) made on the carrier platform; each form saved as <dataDir>/manifests/<id>.pdf and a summary label
        queued on the station's label printer (a running station prints it with its next label or at its next start;
        the supervisor panel's button prints at once); --dry-run says what it would do and asks the platform nothing;
        exit code 1 when a carrier's form could not be made (its labels stay unmanifested for the next run)
`;
