/** Kept apart from the command so `station help` does not load it. */
export const PEOPLE_USAGE = `  station people pin
        prints a supervisorPinHash for people.supervisorPinHash (the PIN of supervisors whose Odoo employee has none):
        the PIN (4 to 12 digits) comes from STATION_PIN, else the first line of stdin; it is never printed or stored
`;
