import { useState, type FormEvent } from 'react';
import type { ManifestOutcome, ManifestRun } from '../../../app/domain/shipping-day.schema';
import type { ChannelRes } from '../../../app/ipc/contract';
import type { StationLink } from '../bridge/station-api';
import { useAuditedSend } from '../print/audit-fields.view';
import { formatTime } from '../state/format';
import { RecordTable } from './record-table.view';
import { useCoreRead } from './use-core-read';

const loadDay = (api: StationLink) => api.invoke('shipping:day', undefined);

const OUTCOME_TONE: Record<ManifestOutcome['outcome'], string> = { planned: 'info', created: 'success', pending: 'warning', failed: 'error', skipped: 'warning' };

/**
 * The station's shipping day: return labels on demand (bought, printed, copied to the picking in Odoo) and the
 * end-of-day manifests (one form per carrier, its PDF saved at the station, a summary label printed).
 */
export function ShippingDayView({ api }: { api: StationLink }) {
  const { data: day, error, refresh } = useCoreRead(api, loadDay);
  const returns = useAuditedSend('The station refused the return label', refresh);
  const manifests = useAuditedSend('The station refused the manifest', refresh);
  const [picking, setPicking] = useState('');
  const [weightKg, setWeightKg] = useState('');
  const [bought, setBought] = useState<ChannelRes<'shipping:return-label'> | null>(null);
  const [run, setRun] = useState<ManifestRun | null>(null);
  const busy = returns.busy || manifests.busy;
  const weight = weightKg.trim() === '' ? undefined : Number(weightKg.replace(',', '.')) * 1000;
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
  return (
    <div data-testid="shipping-day">
      <h2 className="panel-title">Shipping day {day?.day ?? ''}</h2>
      {error && <div className="command-error">{error}</div>}
      {bought?.label && (
        <p data-testid="return-bought">
          Return label {bought.label.reference}: {bought.label.carrier} {bought.label.service} <span className="mono">{bought.label.trackingCode}</span> ({bought.label.rate}{' '}
          {bought.label.currency}) — {bought.printError ? `not printed: ${bought.printError}` : 'printing on the label printer'}
        </p>
      )}

      <h3 className="panel-title">Return labels</h3>
      <form className="reprint-form" onSubmit={buyReturn}>
        <label className="audit-label">
          Picking (name or id)
          <input className="audit-input" data-testid="return-picking" maxLength={120} value={picking} onChange={(e) => setPicking(e.target.value)} placeholder="WH/OUT/00012" />
        </label>
        <label className="audit-label">
          Weight in kg (empty: its heaviest parcel)
          <input className="audit-input" data-testid="return-weight" inputMode="decimal" value={weightKg} onChange={(e) => setWeightKg(e.target.value)} />
        </label>
        <button type="submit" className="btn btn-primary" data-testid="return-buy" disabled={busy || picking.trim() === '' || !weightOk}>
          {returns.busy ? 'Buying…' : 'Return label'}
        </button>
      </form>
      {returns.error && (
        <div className="command-error" role="alert" data-testid="return-error">
          {returns.error}
        </div>
      )}
      <RecordTable
        testId="return-labels"
        columns={['Reference', 'Tracking', 'Carrier', 'Cost', 'Bought']}
        items={day?.returns ?? []}
        empty="No return labels today."
        row={(r) => (
          <tr key={r.reference} data-testid={`return-label-${r.trackingCode}`}>
            <th scope="row">{r.reference}</th>
            <td className="mono">{r.trackingCode}</td>
            <td>
              {r.carrier} {r.service}
            </td>
            <td className="num">
              {r.rate} {r.currency}
            </td>
            <td>{formatTime(r.boughtAt)}</td>
          </tr>
        )}
      />
      {(day?.failedReturns.length ?? 0) > 0 && (
        <RecordTable
          testId="return-failures"
          columns={['Asked for', 'When', 'Why it failed']}
          items={day?.failedReturns ?? []}
          empty=""
          row={(f) => (
            <tr key={`${f.at}-${f.picking}`} className="row-error">
              <th scope="row">{f.picking}</th>
              <td>{formatTime(f.at)}</td>
              <td className="wrap">{f.error}</td>
            </tr>
          )}
        />
      )}

      <h3 className="panel-title">End-of-day manifest</h3>
      <p className="muted" data-testid="to-manifest-count">
        {parcels} parcel(s) bought today are on no manifest yet
        {(day?.leftFromEarlierDays ?? 0) > 0 && ` — and ${day?.leftFromEarlierDays ?? 0} from earlier days, never handed over: look at them`}
      </p>
      <RecordTable
        testId="to-manifest"
        columns={['Carrier', 'Account', 'Ship-from', 'Parcels']}
        items={toManifest}
        empty="Nothing to manifest."
        row={(g) => (
          <tr key={`${g.platform}-${g.carrier}-${g.carrierAccount ?? ''}-${g.from}`}>
            <th scope="row">{g.carrier}</th>
            <td className="mono small">{g.carrierAccount ?? '—'}</td>
            <td>{g.from}</td>
            <td className="num">{g.trackingCodes.length}</td>
          </tr>
        )}
      />
      <div className="supervisor-head">
        <button type="button" className="btn btn-secondary" data-testid="manifest-dry-run" disabled={busy} onClick={() => manifest(true)}>
          Preview
        </button>
        <button type="button" className="btn btn-primary" data-testid="manifest-run" disabled={busy || toManifest.length === 0} onClick={() => manifest(false)}>
          {manifests.busy ? 'Making forms…' : 'Make end-of-day manifests'}
        </button>
      </div>
      {manifests.error && (
        <div className="command-error" role="alert" data-testid="manifest-error">
          {manifests.error}
        </div>
      )}
      {run && <h3 className="panel-title">{run.dryRun ? 'Preview' : 'This run'}</h3>}
      {run && (
        <RecordTable
          testId="manifest-run-result"
          columns={['Carrier', 'Outcome', 'Manifest', 'Parcels', 'Form', 'Detail']}
          items={run.groups}
          empty={run.dryRun ? 'Nothing would be manifested.' : 'Nothing was left to manifest.'}
          row={(g) => (
            <tr key={`${g.platform}-${g.carrier}-${g.carrierAccount ?? ''}-${g.from}`} className={`row-${OUTCOME_TONE[g.outcome]}`} data-outcome={g.outcome}>
              <th scope="row">{g.carrier}</th>
              <td>{g.outcome}</td>
              <td className="mono small">{g.manifestId ?? '—'}</td>
              <td className="num">{g.trackingCodes.length}</td>
              <td className="wrap small">{g.documentPath ?? '—'}</td>
              <td className="wrap">{g.detail ?? '—'}</td>
            </tr>
          )}
        />
      )}
      <h3 className="panel-title">Manifests made today</h3>
      <RecordTable
        testId="manifests"
        columns={['Manifest', 'Carrier', 'Status', 'Parcels', 'Form saved', 'Summary printed']}
        items={day?.manifests ?? []}
        empty="No manifests today."
        row={(m) => (
          <tr key={m.manifestId} data-testid={`manifest-${m.manifestId}`} data-status={m.status}>
            <th scope="row" className="mono small">
              {m.manifestId}
            </th>
            <td>{m.carrier}</td>
            <td>{m.status}</td>
            <td className="num">{m.trackingCodes.length}</td>
            <td className="wrap small">{m.documentPath ?? (m.status === 'created' ? 'not yet: the next run fetches it' : '—')}</td>
            <td>{formatTime(m.printedAt)}</td>
          </tr>
        )}
      />
    </div>
  );
}
