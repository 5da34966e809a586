import { useEffect } from 'react';
import type { StationLink } from '../../bridge/station-api';
import { useT } from '../../i18n/use-t';
import { useCoreRead } from '../use-core-read';
import { ShiftFiguresView } from './shift-figures.view';

/** The figures move with every parcel but nobody reads them by the second: read again twice a minute. */
const REFRESH_MS = 30_000;

const loadFigures = (api: StationLink) => api.invoke('shift:figures', undefined);

/** The supervisor panel's section: this station's shift, per packer, with its bars per hour. */
export function ShiftSection({ api }: { api: StationLink }) {
  const words = useT();
  const { data, error, refresh } = useCoreRead(api, loadFigures);
  useEffect(() => {
    const timer = setInterval(refresh, REFRESH_MS);
    return () => clearInterval(timer);
  }, [refresh]);
  return (
    <>
      <div className="supervisor-head">
        <h2 className="panel-title">{words.t('shift.title')}</h2>
        <button type="button" className="chip" data-testid="shift-refresh" onClick={refresh}>
          {words.t('common.refresh')}
        </button>
      </div>
      {error && <div className="command-error">{words.t('shift.readFailed', { error })}</div>}
      {data ? <ShiftFiguresView figures={data} words={words} /> : <p className="muted">{words.t('common.loading')}</p>}
    </>
  );
}
