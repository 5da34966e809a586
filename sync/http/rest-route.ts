/**
 * `/shipments/shp_1/buy?x=1` → `/shipments/:id/buy`: REST paths alternate collection and id, and a metric label must
 * not take one value per shipment.
 */
export function routeOf(path: string): string {
  const segments = (path.split('?')[0] ?? path).split('/');
  return segments.map((segment, i) => (i % 2 === 0 && i > 0 && segment !== '' ? ':id' : segment)).join('/');
}
