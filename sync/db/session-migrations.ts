/**
 * Migrations for the station's sign-in sessions (README "Sign-in"). Same rules as `migrations.ts`: never edit one
 * that shipped; append.
 */
export const sessionLastSeen = `
-- The last scan or key of the person signed in (written at most every few seconds): a restart resumes the sign-in
-- only if the idle sign-out time has not passed since.
ALTER TABLE station_sessions ADD COLUMN last_seen_at INTEGER;
`;
