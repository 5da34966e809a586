/** Packers read grams for small parcels and kilograms for heavy ones; three decimals match a 1 g scale division. */
export function formatWeight(grams: number): string {
  if (Math.abs(grams) < 1000) return `${Math.round(grams)} g`;
  return `${(grams / 1000).toFixed(3)} kg`;
}

export function formatAge(ms: number | null): string {
  if (ms === null) return '—';
  const seconds = Math.max(0, Math.round(ms / 1000));
  if (seconds < 60) return `${seconds} s`;
  const minutes = Math.floor(seconds / 60);
  if (minutes < 60) return `${minutes} min`;
  const hours = Math.floor(minutes / 60);
  if (hours < 48) return `${hours} h ${minutes % 60} min`;
  return `${Math.floor(hours / 24)} d`;
}

export function formatTime(at: number | null): string {
  if (at === null) return 'never';
  const date = new Date(at);
  const sameDay = new Date().toDateString() === date.toDateString();
  return sameDay ? date.toLocaleTimeString() : date.toLocaleString();
}
