import type { ScannerConfig } from '../../app/domain';

/** A complete scanner config (what the schema would produce), suffix-less and with no inter-character timeout. */
export const scannerConfig = (over: Partial<ScannerConfig> = {}): ScannerConfig => ({
  path: 'tcp://10.0.0.5:4001',
  baudRate: 9600,
  dataBits: 8,
  parity: 'none',
  stopBits: 1,
  terminator: '\r',
  prefix: '',
  suffix: '',
  interCharTimeoutMs: 0,
  ...over,
});
