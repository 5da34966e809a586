/** Kept apart from the command so `station help` does not load the hub. */
export const HUB_USAGE = `  station hub --config <hub.json>
        runs the hub (fleet view, its API and the stations' link); prints the fleet view's address. A new hub gets
        its first user, admin, from STATION_HUB_ADMIN_PASSWORD; STATION_HUB_DATABASE_URL / STATION_HUB_REDIS_URL
        override database.url / redis.url
  station hub token issue|rotate|revoke <stationId> --config <hub.json>
        straight on the hub's database (with an embedded database, only while the hub is stopped): issue and rotate
        print the station's new token once (give it to the station as hub.token or STATION_HUB_TOKEN; a rotated
        token replaces the old one at once); revoke refuses the station from its next connection. A running hub
        rotates over the station's own link instead (fleet view, Tokens)
  station hub user add <name> --role viewer|supervisor|admin --config <hub.json>
        creates or replaces a fleet view user; the password comes from STATION_HUB_PASSWORD, else the first line of stdin
`;
