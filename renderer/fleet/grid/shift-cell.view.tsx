import type { FleetStation } from '../../../app/hub/fleet.schema';
import { useT } from '../../src/i18n/use-t';

/** A station's shift in the grid: parcels and pickings per hour, and the median time per picking. */
export function ShiftCell({ row }: { row: FleetStation }) {
  const words = useT();
  const shift = row.shift;
  const testId = `fleet-shift-${row.stationId}`;
  if (!shift) {
    return (
      <td className="small muted" data-testid={testId}>
        {words.t('shift.fleet.none')}
      </td>
    );
  }
  const { station } = shift;
  return (
    <td className="small nowrap" data-testid={testId} data-parcels-per-hour={station.parcelsPerHour} data-pickings-per-hour={station.pickingsPerHour}>
      <div>{words.t('shift.fleet.rates', { parcels: words.number(station.parcelsPerHour, 1), pickings: words.number(station.pickingsPerHour, 1) })}</div>
      {station.medianPickingMs !== null && (
        <div className="muted" data-testid={`${testId}-median`}>
          {words.t('shift.fleet.median', { duration: words.duration(station.medianPickingMs) })}
        </div>
      )}
    </td>
  );
}
