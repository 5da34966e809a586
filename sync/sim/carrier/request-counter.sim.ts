/**
 * Every request a carrier sandbox answered, counted per method and path with ids folded (`GET /v2/reports/:id`,
 * `GET /files/reports/:id.csv`), so a test or the bench can say how many requests a reader needed.
 */

/** A segment that names one object: EasyPost `shp_…`/`shprep_…` ids, Shippo's 32-hex ids, numbers (an extension kept). */
const ID = /^([a-z]+_[0-9a-f]{8,}|[0-9a-f]{32}|\d+)(\.[a-z0-9]+)?$/i;

export const requestKey = (method: string, pathname: string): string =>
  `${method} ${pathname
    .split('/')
    .map((segment) => segment.replace(ID, ':id$2'))
    .join('/')}`;

export class RequestCounter {
  private readonly counts = new Map<string, number>();

  count(method: string, pathname: string): void {
    const key = requestKey(method, pathname);
    this.counts.set(key, (this.counts.get(key) ?? 0) + 1);
  }

  /** Requests per `METHOD /path`, and their total. */
  snapshot(): { total: number; byPath: Record<string, number> } {
    const byPath = Object.fromEntries([...this.counts].sort(([a], [b]) => a.localeCompare(b)));
    return { total: [...this.counts.values()].reduce((sum, n) => sum + n, 0), byPath };
  }

  reset(): void {
    this.counts.clear();
  }
}
