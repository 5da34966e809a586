import { parseArgs } from 'node:util';
import { errorMessage } from '../../app/domain/errors';
import { openByteLink, type OpenByteLink } from '../../drivers/serial/byte-link';
import { formatUsbIdentity, listSerialPorts, portIdentity, type ListPorts, type PortInfo } from '../../drivers/serial/port-identity';
import { listHidDevices, pickHidScales, type HidScale, type ListHidDevices } from './hid-scale-list';
import { probePort, type ProbeResult } from './scale-probe';

export { DEVICES_USAGE } from './devices.usage';

export interface DevicesDeps {
  listPorts?: ListPorts;
  listHid?: ListHidDevices;
  open?: OpenByteLink;
  stdout?: (text: string) => void;
}

export interface SerialPortEntry {
  path: string;
  vendorId: string | null;
  productId: string | null;
  serialNumber: string | null;
  manufacturer: string | null;
  pnpId: string | null;
  /** What to put in the config's `path` to find this device whatever its path; null for non-USB ports. */
  identity: string | null;
  /** False when another port has the same identity (identical adapters without serial numbers). */
  identityUnique: boolean;
}

export interface DevicesReport {
  serialPorts: SerialPortEntry[];
  serialError?: string;
  hidScales: HidScale[];
  hidError?: string;
  probes?: ProbeResult[];
}

/** `station devices`: what is plugged in, and how to configure it. Returns the exit code. */
export async function runDevices(args: string[], deps: DevicesDeps = {}): Promise<number> {
  const { values } = parseArgs({
    args,
    options: {
      probe: { type: 'boolean', default: false },
      path: { type: 'string', multiple: true, default: [] },
      json: { type: 'boolean', default: false },
      'attempt-ms': { type: 'string', default: '1000' },
      all: { type: 'boolean', default: false },
    },
    strict: true,
  });
  const attemptMs = Number(values['attempt-ms']);
  if (!Number.isInteger(attemptMs) || attemptMs < 100 || attemptMs > 10_000) {
    throw new Error('--attempt-ms must be an integer between 100 and 10000');
  }
  const report = await collectReport(deps);
  const extra = values.path;
  if (values.probe || extra.length > 0) {
    const paths = [...new Set([...(values.probe ? report.serialPorts.map((port) => port.path) : []), ...extra])];
    const open = deps.open ?? openByteLink;
    // Ports are independent, so they are probed side by side: the total stays about one port's probe time.
    report.probes = await Promise.all(paths.map((path) => probePort(path, { open, attemptMs, all: values.all })));
  }
  const write = deps.stdout ?? ((text: string) => process.stdout.write(text));
  write(values.json ? `${JSON.stringify(report, null, 2)}\n` : formatReport(report));
  return 0;
}

export async function collectReport(deps: DevicesDeps = {}): Promise<DevicesReport> {
  const report: DevicesReport = { serialPorts: [], hidScales: [] };
  try {
    report.serialPorts = toEntries(await (deps.listPorts ?? listSerialPorts)());
  } catch (error) {
    report.serialError = errorMessage(error);
  }
  try {
    report.hidScales = pickHidScales(await (deps.listHid ?? listHidDevices)());
  } catch (error) {
    report.hidError = errorMessage(error);
  }
  return report;
}

function toEntries(ports: readonly PortInfo[]): SerialPortEntry[] {
  const identities = ports.map((port) => {
    const identity = portIdentity(port);
    return identity ? formatUsbIdentity(identity) : null;
  });
  return ports.map((port, i) => {
    const identity = identities[i] ?? null;
    return {
      path: port.path,
      vendorId: port.vendorId?.toLowerCase() ?? null,
      productId: port.productId?.toLowerCase() ?? null,
      serialNumber: port.serialNumber ?? null,
      manufacturer: port.manufacturer ?? null,
      pnpId: port.pnpId ?? null,
      identity,
      identityUnique: identity === null || identities.filter((other) => other?.toLowerCase() === identity.toLowerCase()).length === 1,
    };
  });
}

export function formatReport(report: DevicesReport): string {
  const lines: string[] = ['Serial ports'];
  if (report.serialError) lines.push(`  (cannot list serial ports: ${report.serialError})`);
  else if (report.serialPorts.length === 0) lines.push('  none');
  for (const port of report.serialPorts) {
    const ids = port.vendorId && port.productId ? `${port.vendorId}:${port.productId}` : '(not USB)';
    const facts = [ids, port.serialNumber ? `SN ${port.serialNumber}` : null, port.manufacturer, port.pnpId].filter(Boolean);
    lines.push(`  ${port.path}  ${facts.join('  ')}`);
    if (port.identity) {
      const warning = port.identityUnique ? '' : '   (not unique: no serial number, use the path instead)';
      lines.push(`      config "path": "${port.identity}"${warning}`);
    }
  }
  lines.push('', 'HID scales');
  if (report.hidError) lines.push(`  (cannot list HID devices: ${report.hidError})`);
  else if (report.hidScales.length === 0) lines.push('  none');
  for (const scale of report.hidScales) {
    const facts = [scale.manufacturer, scale.product, scale.serialNumber ? `SN ${scale.serialNumber}` : null, scale.osPath].filter(Boolean);
    lines.push(`  ${scale.vendorId}:${scale.productId}  ${facts.join('  ')}`);
    lines.push(`      config "path": "${scale.address}", "protocol": "usb-hid"`);
  }
  if (report.probes) {
    lines.push('', 'Probe (which scale protocol answers)');
    if (report.probes.length === 0) lines.push('  no ports to probe');
    for (const probe of report.probes) lines.push(...formatProbe(probe));
  }
  return `${lines.join('\n')}\n`;
}

function formatProbe(probe: ProbeResult): string[] {
  const answered = probe.attempts.filter((attempt) => attempt.answered);
  if (answered.length > 0) {
    return answered.map(
      (attempt) => `  ${probe.path}: ${attempt.protocol} answers at ${attempt.line} ("${attempt.sample ?? ''}")  → "protocol": "${attempt.protocol}"`,
    );
  }
  const failed = probe.attempts.find((attempt) => attempt.error !== undefined);
  if (failed?.error && probe.attempts.every((attempt) => attempt.error !== undefined)) {
    // Open errors already start with the port's name.
    return [failed.error.startsWith(probe.path) ? `  ${failed.error}` : `  ${probe.path}: ${failed.error}`];
  }
  const tried = probe.attempts.map((attempt) => `${attempt.protocol} ${attempt.line}`).join(', ');
  return [`  ${probe.path}: no answer (tried ${tried || 'nothing'}); a continuous scale may need weight on it, or use protocol "configurable"`];
}
