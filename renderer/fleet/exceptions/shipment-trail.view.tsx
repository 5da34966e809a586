import { useCallback } from 'react';
import type { HubLedgerFact } from '../../../app/hub/ledger-event.schema';
import { formatTime } from '../../src/state/format';
import { RecordTable } from '../../src/supervisor/record-table.view';
import { exceptionsApi } from './exceptions-http';
import { Notices } from './notices.view';
import { usePolling } from './use-polling';

/** One ledger fact in a few words (the picking is the shipment's own). */
function stationDetail(fact: HubLedgerFact): string {
  switch (fact.type) {
    case 'parcel.packed':
      return `parcel ${fact.parcelIndex}: ${fact.weightG} g, ${fact.items} items`;
    case 'label.bought':
      return `${fact.carrier ?? ''} ${fact.service ?? ''} ${fact.trackingCode} (${fact.shipmentId})${fact.price !== null ? `, ${fact.price} ${fact.currency ?? ''}` : ''}${fact.isReturn ? ', return' : ''}`;
    case 'label.voided':
      return `${fact.trackingCode} voided by ${fact.by}: ${fact.reason}`;
    case 'label.printed':
      return `parcel ${fact.parcelIndex} printed`;
    case 'picking.packed':
      return `${fact.parcels} parcels packed`;
    case 'picking.validated':
      return 'Odoo acknowledged the validation';
  }
}

const json = (data: unknown): string => (data === undefined || data === null ? '' : JSON.stringify(data, null, 2));

/**
 * Everything the hub knows happened to one shipment, oldest first: requests and answers at the platform and Odoo,
 * status changes, findings and people's decisions, the station's own record of the parcel, then the carrier's raw
 * events (personal data already masked).
 */
export function ShipmentTrailView({ shipmentRef }: { shipmentRef: string }) {
  const load = useCallback(() => exceptionsApi.trail(shipmentRef), [shipmentRef]);
  const trail = usePolling(load, 10_000);
  return (
    <section aria-labelledby="trail-title" data-testid="shipment-trail" data-ref={shipmentRef}>
      <h3 className="panel-title" id="trail-title">
        Shipment trail · <span className="mono">{shipmentRef}</span>
      </h3>
      <Notices error={trail.error} />
      <RecordTable
        testId="trail-entries"
        columns={['When', 'System', 'Who', 'What', 'Summary', 'Data']}
        items={trail.data?.entries ?? []}
        empty={trail.data ? 'Nothing recorded for this shipment yet.' : 'Loading…'}
        row={(e) => (
          <tr key={e.id} data-testid={`trail-${e.id}`} data-kind={e.kind}>
            <td className="small nowrap">{formatTime(e.at)}</td>
            <td>{e.system}</td>
            <td className="small">{e.actor}</td>
            <td>{e.kind}</td>
            <td className="small wrap">{e.summary}</td>
            <td>
              {e.data !== null && e.data !== undefined && (
                <details>
                  <summary className="small">data</summary>
                  <pre className="log small">{json(e.data)}</pre>
                </details>
              )}
            </td>
          </tr>
        )}
      />
      {(trail.data?.station.length ?? 0) > 0 && (
        <RecordTable
          testId="trail-station"
          columns={['When', 'Station', 'Fact', 'Detail']}
          items={trail.data?.station ?? []}
          empty=""
          row={(f) => (
            <tr key={`${f.stationId}-${f.seq}`} data-testid={`trail-station-${f.fact.type}`}>
              <td className="small nowrap">{formatTime(f.at)}</td>
              <td className="small">{f.stationId}</td>
              <td>{f.fact.type}</td>
              <td className="small wrap">{stationDetail(f.fact)}</td>
            </tr>
          )}
        />
      )}
      {(trail.data?.events.length ?? 0) > 0 && (
        <RecordTable
          testId="trail-events"
          columns={['Received', 'From', 'Status', 'Event']}
          items={trail.data?.events ?? []}
          empty=""
          row={(ev) => (
            <tr key={`${ev.receivedAt}-${ev.after}-${ev.source}`}>
              <td className="small nowrap">{formatTime(ev.receivedAt)}</td>
              <td className="small">
                {ev.platform} {ev.source}
              </td>
              <td>
                {ev.before ?? '—'} → <b>{ev.after}</b>
              </td>
              <td>
                <details>
                  <summary className="small">raw</summary>
                  <pre className="log small">{json(ev.raw)}</pre>
                </details>
              </td>
            </tr>
          )}
        />
      )}
    </section>
  );
}
