import { useState, type FormEvent } from 'react';
import type { ManifestOutcome, ManifestRun } from '../../../app/domain/shipping-day.schema';
import type { ChannelRes } from '../../../app/ipc/contract';
import type { StationLink } from '../bridge/station-api';
import { useAuditedSend } from '../print/audit-fields.view';
import { GRAMS_PER_POUND } from '../../../app/domain/weight-units';
import { useT } from '../i18n/use-t';
import { RecordTable } from './record-table.view';
import { useCoreRead } from './use-core-read';
import { dayOf, moneyOf, timeOf } from './supervisor-words';

const loadDay = (api: StationLink) => api.invoke('shipping:day', undefined);

const OUTCOME_TONE: Record<ManifestOutcome['outcome'], string> = { planned: 'info', created: 'success', pending: 'warning', failed: 'error', skipped: 'warning' };

/**
 * The station's shipping day: return labels on demand (bought, printed, copied to the picking in Odoo) and the
 * end-of-day manifests (one form per carrier, its PDF saved at the station, a summary label printed).
 */
export function ShippingDayView({ api }: { api: StationLink }) {
  const words = useT();
  const { t } = words;
  const { data: day, error, refresh } = useCoreRead(api, loadDay);
  const returns = useAuditedSend(t('supervisor.day.returnRefused'), refresh);
  const manifests = useAuditedSend(t('supervisor.day.manifestRefused'), refresh);
  const [picking, setPicking] = useState('');
  // Typed in the warehouse's big unit: kilograms, or pounds where the station weighs in imperial units.
  const [weightText, setWeightText] = useState('');
  const unit = words.weightUnits === 'imperial' ? { name: 'lb', grams: GRAMS_PER_POUND } : { name: 'kg', grams: 1000 };
  const [bought, setBought] = useState<ChannelRes<'shipping:return-label'> | null>(null);
  const [run, setRun] = useState<ManifestRun | null>(null);
  const busy = returns.busy || manifests.busy;
  const weight = weightText.trim() === '' ? undefined : Number(weightText.replace(',', '.')) * unit.grams;
  const weightOk = weight === undefined || (Number.isFinite(weight) && weight > 0);

  const buyReturn = (e: FormEvent) => {
    e.preventDefault();
    const request = { picking: picking.trim(), ...(weight !== undefined ? { weightG: weight } : {}) };
    returns.send(
      api.invoke('shipping:return-label', request).then((res) => {
        if (res.accepted) {
          setBought(res);
          setPicking('');
        }
        return res;
      }),
    );
  };

  const manifest = (dryRun: boolean) =>
    manifests.send(
      api.invoke('shipping:manifest', { dryRun }).then((res) => {
        if (res.run) setRun(res.run);
        return res;
      }),
    );

  const toManifest = day?.toManifest ?? [];
  const parcels = toManifest.reduce((n, g) => n + g.trackingCodes.length, 0);
  const earlier = day?.leftFromEarlierDays ?? 0;
  return (
    <div data-testid="shipping-day">
      <h2 className="panel-title">{t('supervisor.day.title', { day: day ? dayOf(words, day.day) : '' })}</h2>
      {error && <div className="command-error">{error}</div>}
      {bought?.label && (
        <p data-testid="return-bought">
          {t('supervisor.day.bought', { reference: bought.label.reference, carrier: bought.label.carrier, service: bought.label.service })}{' '}
          <span className="mono">{bought.label.trackingCode}</span>{' '}
          {bought.printError
            ? t('supervisor.day.notPrinted', { price: moneyOf(words, bought.label.rate, bought.label.currency), error: bought.printError })
            : t('supervisor.day.printing', { price: moneyOf(words, bought.label.rate, bought.label.currency) })}
        </p>
      )}

      <h3 className="panel-title">{t('supervisor.day.returns')}</h3>
      <form className="reprint-form" onSubmit={buyReturn}>
        <label className="audit-label">
          {t('supervisor.day.picking')}
          <input className="audit-input" data-testid="return-picking" maxLength={120} value={picking} onChange={(e) => setPicking(e.target.value)} placeholder={t('supervisor.day.pickingExample')} />
        </label>
        <label className="audit-label">
          {t('supervisor.day.weight', { unit: unit.name })}
          <input className="audit-input" data-testid="return-weight" inputMode="decimal" value={weightText} onChange={(e) => setWeightText(e.target.value)} />
        </label>
        <button type="submit" className="btn btn-primary" data-testid="return-buy" disabled={busy || picking.trim() === '' || !weightOk}>
          {returns.busy ? t('supervisor.day.buying') : t('supervisor.day.buy')}
        </button>
      </form>
      {returns.error && (
        <div className="command-error" role="alert" data-testid="return-error">
          {returns.error}
        </div>
      )}
      <RecordTable
        testId="return-labels"
        columns={[t('supervisor.day.reference'), t('supervisor.col.tracking'), t('supervisor.col.carrier'), t('supervisor.day.cost'), t('supervisor.col.bought')]}
        items={day?.returns ?? []}
        empty={t('supervisor.day.returnsEmpty')}
        row={(r) => (
          <tr key={r.reference} data-testid={`return-label-${r.trackingCode}`}>
            <th scope="row">{r.reference}</th>
            <td className="mono">{r.trackingCode}</td>
            <td>
              {r.carrier} {r.service}
            </td>
            <td className="num">{moneyOf(words, r.rate, r.currency)}</td>
            <td>{timeOf(words, r.boughtAt)}</td>
          </tr>
        )}
      />
      {(day?.failedReturns.length ?? 0) > 0 && (
        <RecordTable
          testId="return-failures"
          columns={[t('supervisor.day.askedFor'), t('supervisor.col.when'), t('supervisor.day.whyFailed')]}
          items={day?.failedReturns ?? []}
          empty=""
          row={(f) => (
            <tr key={`${f.at}-${f.picking}`} className="row-error">
              <th scope="row">{f.picking}</th>
              <td>{timeOf(words, f.at)}</td>
              <td className="wrap">{f.error}</td>
            </tr>
          )}
        />
      )}

      <h3 className="panel-title">{t('supervisor.day.manifest')}</h3>
      <p className="muted" data-testid="to-manifest-count">
        {t('supervisor.day.toManifest', { count: parcels })}
        {earlier > 0 && ` ${t('supervisor.day.earlier', { count: earlier })}`}
      </p>
      <RecordTable
        testId="to-manifest"
        columns={[t('supervisor.col.carrier'), t('supervisor.day.account'), t('supervisor.day.from'), t('supervisor.col.parcels')]}
        items={toManifest}
        empty={t('supervisor.day.nothing')}
        row={(g) => (
          <tr key={`${g.platform}-${g.carrier}-${g.carrierAccount ?? ''}-${g.from}`}>
            <th scope="row">{g.carrier}</th>
            <td className="mono small">{g.carrierAccount ?? '—'}</td>
            <td>{g.from}</td>
            <td className="num">{words.number(g.trackingCodes.length)}</td>
          </tr>
        )}
      />
      <div className="supervisor-head">
        <button type="button" className="btn btn-secondary" data-testid="manifest-dry-run" disabled={busy} onClick={() => manifest(true)}>
          {t('supervisor.day.preview')}
        </button>
        <button type="button" className="btn btn-primary" data-testid="manifest-run" disabled={busy || toManifest.length === 0} onClick={() => manifest(false)}>
          {manifests.busy ? t('supervisor.day.making') : t('supervisor.day.make')}
        </button>
      </div>
      {manifests.error && (
        <div className="command-error" role="alert" data-testid="manifest-error">
          {manifests.error}
        </div>
      )}
      {run && <h3 className="panel-title">{run.dryRun ? t('supervisor.day.preview') : t('supervisor.day.thisRun')}</h3>}
      {run && (
        <RecordTable
          testId="manifest-run-result"
          columns={[t('supervisor.col.carrier'), t('supervisor.day.outcome'), t('supervisor.col.manifest'), t('supervisor.col.parcels'), t('supervisor.day.form'), t('supervisor.col.detail')]}
          items={run.groups}
          empty={run.dryRun ? t('supervisor.day.wouldNothing') : t('supervisor.day.leftNothing')}
          row={(g) => (
            <tr key={`${g.platform}-${g.carrier}-${g.carrierAccount ?? ''}-${g.from}`} className={`row-${OUTCOME_TONE[g.outcome]}`} data-outcome={g.outcome}>
              <th scope="row">{g.carrier}</th>
              <td>{t(`supervisor.day.outcome.${g.outcome}`)}</td>
              <td className="mono small">{g.manifestId ?? '—'}</td>
              <td className="num">{words.number(g.trackingCodes.length)}</td>
              <td className="wrap small">{g.documentPath ?? '—'}</td>
              <td className="wrap">{g.detail ?? '—'}</td>
            </tr>
          )}
        />
      )}
      <h3 className="panel-title">{t('supervisor.day.made')}</h3>
      <RecordTable
        testId="manifests"
        columns={[t('supervisor.col.manifest'), t('supervisor.col.carrier'), t('supervisor.day.status'), t('supervisor.col.parcels'), t('supervisor.day.formSaved'), t('supervisor.day.summaryPrinted')]}
        items={day?.manifests ?? []}
        empty={t('supervisor.day.madeEmpty')}
        row={(m) => (
          <tr key={m.manifestId} data-testid={`manifest-${m.manifestId}`} data-status={m.status}>
            <th scope="row" className="mono small">
              {m.manifestId}
            </th>
            <td>{m.carrier}</td>
            <td>{t(`supervisor.day.outcome.${m.status}`)}</td>
            <td className="num">{words.number(m.trackingCodes.length)}</td>
            <td className="wrap small">{m.documentPath ?? (m.status === 'created' ? t('supervisor.day.notYet') : '—')}</td>
            <td>{timeOf(words, m.printedAt)}</td>
          </tr>
        )}
      />
    </div>
  );
}
