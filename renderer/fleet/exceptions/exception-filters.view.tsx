import type { ExceptionQuery } from '../../../app/recon/exceptions-api.schema';
import { exceptionsApi } from './exceptions-http';
import { STATE_FILTERS } from './exceptions-text';

export type Filters = Required<Pick<ExceptionQuery, 'state' | 'owner' | 'station' | 'ref'>>;
export const NO_FILTERS: Filters = { state: STATE_FILTERS[0]!.value, owner: '', station: '', ref: '' };

const TEXT_FILTERS: { key: keyof Omit<Filters, 'state'>; label: string; placeholder: string }[] = [
  { key: 'owner', label: 'Owner', placeholder: 'user' },
  { key: 'station', label: 'Station', placeholder: 'station id' },
  { key: 'ref', label: 'Reference', placeholder: 'picking, shipment or tracking' },
];

/** The list's filters, and the CSV export of exactly what they select (every page). */
export function ExceptionFilters({ filters, kind, onChange }: { filters: Filters; kind: string | undefined; onChange(next: Filters): void }) {
  const set = (key: keyof Filters, value: string) => onChange({ ...filters, [key]: value });
  return (
    <div className="row-actions exception-filters" role="search">
      <label className="small">
        State{' '}
        <select className="fleet-input" value={filters.state} onChange={(e) => set('state', e.target.value)} data-testid="exceptions-filter-state">
          {STATE_FILTERS.map((s) => (
            <option key={s.value} value={s.value}>
              {s.text}
            </option>
          ))}
        </select>
      </label>
      {TEXT_FILTERS.map(({ key, label, placeholder }) => (
        <label key={key} className="small">
          {label}{' '}
          <input
            className="fleet-input"
            type="search"
            value={filters[key]}
            maxLength={200}
            placeholder={placeholder}
            onChange={(e) => set(key, e.target.value)}
            data-testid={`exceptions-filter-${key}`}
          />
        </label>
      ))}
      <a className="btn-small btn-secondary link-as-button" href={exceptionsApi.csvHref({ kind, ...trimmed(filters) })} download data-testid="exceptions-csv">
        Export CSV
      </a>
    </div>
  );
}

export const trimmed = (filters: Filters): Filters => ({
  state: filters.state,
  owner: filters.owner.trim(),
  station: filters.station.trim(),
  ref: filters.ref.trim(),
});
