/** Kept apart from the command so `station help` does not load SQLite, Odoo or the printer drivers. */
export const COMMANDS_USAGE = `  station commands [--config <station.json>] [--language en|de|fr|es] [--zpl FILE | --pdf FILE | --print]
        the command sheet: the bench's command barcodes (pack, cancel, retry, reprint, return label, acknowledge,
        sign out) and one per package type Odoo knows, captioned in the station's language (or --language);
        package types come from Odoo, else from the station's cached pickings (said on stderr); --zpl writes
        labels for the configured label printer, --pdf an A4 sheet for an office printer, --print sends the
        labels to the label printer now; without one of them, lists the codes; --config defaults to station.json
`;
