import type { ShiftFigures } from '../../../app/shift/shift.schema';
import { REPORT_PACKERS } from '../../../app/shift/shift-figures';
import { useT } from '../../src/i18n/use-t';
import { ShiftFiguresView } from '../../src/supervisor/shift/shift-figures.view';

/** The station's shift as its last report carried it: the station's line, its busiest packers, the bars per hour. */
export function StationShiftView({ shift }: { shift: ShiftFigures | null }) {
  const words = useT();
  return (
    <>
      <h3 className="panel-title">{words.t('shift.title')}</h3>
      {shift ? (
        <>
          <ShiftFiguresView figures={shift} words={words} />
          {shift.packers.length >= REPORT_PACKERS && <p className="muted small">{words.t('shift.fleet.packersShown', { count: REPORT_PACKERS })}</p>}
        </>
      ) : (
        <p className="muted" data-testid="detail-shift-none">
          {words.t('shift.fleet.none')}
        </p>
      )}
    </>
  );
}
