import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { ScaleProtocol, StationConfigInput } from '../../app/domain';
import { ScaleSimulator, type SimulatedProtocol } from '../../drivers/sim/scale.sim';
import { SAMPLE_CONFIGURABLE_SCALE } from '../../drivers/sim/configurable-scale.sim';
import { ScannerSimulator } from '../../drivers/sim/scanner.sim';
import { ZplPrinterSimulator, type ZplPrinterSimulatorOptions } from '../../drivers/sim/zpl-printer.sim';
import { EscPosPrinterSimulator } from '../../drivers/sim/escpos-printer.sim';
import { OdooSandbox } from '../../sync/sim/odoo/odoo-sandbox.sim';
import type { SandboxVersion } from '../../sync/sim/odoo/stock-models.sim';
import type { CarrierKind } from '../../app/domain/carrier.schema';
import { CarrierSandbox } from '../../sync/sim/carrier/carrier-sandbox.sim';
import { SHIPPO_SANDBOX_KEY, ShippoSandbox } from '../../sync/sim/carrier/shippo/shippo-sandbox.sim';
import { resolveConfig, type ResolvedConfig } from '../config/load-config';

export interface WorldOptions {
  odooVersion: SandboxVersion;
  scaleProtocol: ScaleProtocol;
  uiPort: number;
  dataDir?: string;
  /** Printer simulator behaviour (e.g. `sgd: false`: no label counter, so a broken job cannot be proven unprinted). */
  printer?: ZplPrinterSimulatorOptions;
  /** Also simulate an ESC/POS slip printer and configure the station to print packing slips on it. */
  slipPrinter?: boolean;
  /** The station's own labels (SSCC, packing list) after each shipping label. */
  labels?: StationConfigInput['labels'];
  /** The carrier platform the station buys from (default EasyPost); its sandbox speaks that platform's API. */
  carrier?: CarrierKind;
  /** The station's id (default `demo-station-1`): a fleet of demo stations needs one each. */
  stationId?: string;
  /** The hub the station reports to, with its token. */
  hub?: { url: string; token: string };
  /** Serial paths for the station side when the devices are attached through PTYs (tests); default tcp://. */
  serial?: { scalePath: string; scaleSimPath: string; scannerPath: string; scannerSimPath: string };
  /**
   * One Odoo and one carrier platform shared by several stations (a fleet reconciled against them), already
   * listening; the world then neither starts nor closes them.
   */
  shared?: { odoo: OdooSandbox; odooUrl: string; carrier: DemoCarrierSandbox; carrierApiKey: string };
  /**
   * `required`: packers sign in with the sandbox Odoo's badges (SANDBOX_PEOPLE), as `station demo` runs; default
   * `off`, the station answering for its records, for worlds about other things than sign-in.
   */
  signIn?: 'required' | 'off';
}

/**
 * Everything a station talks to, simulated: a scale and a scanner speaking their serial protocols, a Zebra-like
 * printer on a TCP port, and sandboxes speaking Odoo's JSON-RPC and the carrier platform's REST over HTTP.
 */
export interface DemoWorld {
  scale: ScaleSimulator;
  scanner: ScannerSimulator;
  printer: ZplPrinterSimulator;
  /** Present when `slipPrinter` was asked for. */
  slip: EscPosPrinterSimulator | null;
  odoo: OdooSandbox;
  carrier: DemoCarrierSandbox;
  config: ResolvedConfig;
  close(): Promise<void>;
}

/** What the demo and the tests need of either platform's sandbox. */
export interface DemoCarrierSandbox {
  readonly url: string;
  listen(port?: number): Promise<{ url: string; port: number }>;
  close(): Promise<void>;
  /** 'drop' = the request is processed, then its reply is lost. */
  failNext(n: number, kind: 'http500' | 'drop' | 'rate-limit' | 'malformed'): void;
  /** Every label bought, one per purchase. */
  purchases(): { shipmentId: string; trackingCode: string }[];
  refunds(): { trackingCode: string; status: string }[];
  /** Every shipment created, with our reference and its label's tracking code once bought. */
  shipments(): { id: string; reference: string | null; trackingCode: string | null; bought: boolean }[];
}

export const DEMO_CARRIER_SANDBOXES: Record<CarrierKind, () => { sandbox: DemoCarrierSandbox; apiKey: string }> = {
  easypost: () => ({ sandbox: new CarrierSandbox(), apiKey: 'sandbox-carrier-key' }),
  shippo: () => ({ sandbox: new ShippoSandbox(), apiKey: SHIPPO_SANDBOX_KEY }),
};

/** Each serial protocol at the line settings its manuals give; usb-hid has no byte-stream simulator. */
const SCALE_LINK: Record<SimulatedProtocol, { baudRate: number; dataBits: 7 | 8; parity: 'none' | 'even' }> = {
  'mt-sics': { baudRate: 9600, dataBits: 8, parity: 'none' },
  'toledo-8217': { baudRate: 9600, dataBits: 7, parity: 'even' },
  adam: { baudRate: 4800, dataBits: 8, parity: 'none' },
  cas: { baudRate: 9600, dataBits: 8, parity: 'none' },
  nci: { baudRate: 9600, dataBits: 7, parity: 'even' },
  configurable: { baudRate: 9600, dataBits: 8, parity: 'none' },
};

export async function startDemoWorld(opts: WorldOptions): Promise<DemoWorld> {
  if (opts.scaleProtocol === 'usb-hid') {
    throw new Error('the demo cannot simulate a usb-hid scale (it needs a real USB device); pick a serial protocol: ' + Object.keys(SCALE_LINK).join(', '));
  }
  const scaleProtocol: SimulatedProtocol = opts.scaleProtocol;
  const scale = new ScaleSimulator({ protocol: scaleProtocol });
  const scanner = new ScannerSimulator({ terminator: '\r' });
  const printer = new ZplPrinterSimulator({ dpi: 203, ...opts.printer });
  const odoo = opts.shared?.odoo ?? new OdooSandbox({ version: opts.odooVersion });
  const carrierKind = opts.carrier ?? 'easypost';
  const { sandbox: carrier, apiKey: carrierKey } = opts.shared ? { sandbox: opts.shared.carrier, apiKey: opts.shared.carrierApiKey } : DEMO_CARRIER_SANDBOXES[carrierKind]();
  const link = SCALE_LINK[scaleProtocol];
  let scalePath: string;
  let scannerPath: string;
  if (opts.serial) {
    await scale.attachPath(opts.serial.scaleSimPath, link);
    await scanner.attachPath(opts.serial.scannerSimPath);
    scalePath = opts.serial.scalePath;
    scannerPath = opts.serial.scannerPath;
  } else {
    scalePath = (await scale.listenTcp(0)).url;
    scannerPath = (await scanner.listenTcp(0)).url;
  }
  const printerUrl = (await printer.listen(0)).url;
  const slip = opts.slipPrinter ? new EscPosPrinterSimulator() : null;
  const slipUrl = slip ? (await slip.listen(0)).url : null;
  const odooUrl = opts.shared?.odooUrl ?? (await odoo.listen(0)).url;
  const carrierUrl = opts.shared?.carrier.url ?? (await carrier.listen(0)).url;
  const dataDir = opts.dataDir ?? mkdtempSync(join(tmpdir(), 'station-demo-'));
  const config = resolveConfig(
    {
      stationId: opts.stationId ?? 'demo-station-1',
      dataDir,
      // The demo creates its pickings after start: refresh often so the supervisor sees them reach the offline cache.
      odoo: { url: odooUrl, db: 'station', login: 'admin', apiKey: 'sandbox-key', prefetch: { intervalMs: 10_000 } },
      carrier: { kind: carrierKind, baseUrl: carrierUrl, apiKey: carrierKey },
      scale: {
        path: scalePath,
        protocol: scaleProtocol,
        ...link,
        pollMs: 100,
        ...(scaleProtocol === 'configurable' ? { configurable: SAMPLE_CONFIGURABLE_SCALE } : {}),
      },
      scanner: { path: scannerPath, baudRate: 9600, terminator: '\r' },
      labelPrinter: { url: printerUrl, dpi: 203 },
      ...(slipUrl ? { slipPrinter: { url: slipUrl } } : {}),
      ...(opts.labels ? { labels: opts.labels } : {}),
      ui: { host: '127.0.0.1', port: opts.uiPort },
      ...(opts.hub ? { hub: { url: opts.hub.url, token: opts.hub.token } } : {}),
      sync: { baseDelayMs: 200, maxDelayMs: 5000, maxAttempts: 12 },
      people: { signIn: opts.signIn ?? 'off' },
    },
    process.cwd(),
    {},
  );
  return {
    scale,
    scanner,
    printer,
    slip,
    odoo,
    carrier,
    config,
    async close() {
      const own = opts.shared ? [] : [odoo.close(), carrier.close()];
      await Promise.allSettled([scale.close(), scanner.close(), printer.close(), slip?.close(), ...own]);
    },
  };
}
