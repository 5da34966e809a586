import { DiagnosticsBundleSchema, type DiagnosticsBundle } from '../../../app/hub/diagnostics.schema';
import type { StationStatus } from '../../../app/domain/status.schema';
import { STATION_VERSION } from './station-day';

/** A diagnostics bundle the size a station sends: its devices, masked config and last 200 log lines. */
export function diagnosticsOf(stationId: string, status: StationStatus): DiagnosticsBundle {
  const now = Date.now();
  const logs = Array.from({ length: 200 }, (_, i) =>
    JSON.stringify({ level: 'info', at: new Date(now - (200 - i) * 1500).toISOString(), msg: 'sync delivered', target: 'odoo', events: 1 + (i % 4) }),
  );
  return DiagnosticsBundleSchema.parse({
    stationId,
    at: now,
    versions: { station: STATION_VERSION, node: process.version, electron: null, platform: `${process.platform}/${process.arch}` },
    uptimeS: Math.round(process.uptime()),
    devices: [
      { role: 'scale', address: 'serial:/dev/ttyUSB0?baud=9600', state: 'connected', detail: null },
      { role: 'scanner', address: 'hid:0c2e:0b61', state: 'connected', detail: null },
      { role: 'labelPrinter', address: 'tcp://10.0.4.21:9100', state: 'connected', detail: 'ZD421 203 dpi' },
    ],
    config: { stationId, odoo: { url: 'https://odoo.example', apiKey: '[secret]' }, carrier: { platform: 'easypost', apiKey: '[secret]' } },
    logs,
    status,
  });
}
