/** A minimal valid station config as a user writes it (secrets come from the environment in `CONFIG_KEYS`). */
export const minimalConfig = {
  stationId: 'pack-01',
  dataDir: './data',
  odoo: { url: 'https://erp.example.com', db: 'prod', login: 'station' },
  carrier: { kind: 'easypost', baseUrl: 'https://api.easypost.com/v2' },
  scale: { path: '/dev/ttyUSB0', protocol: 'toledo-8217', dataBits: 7, parity: 'even' },
  scanner: { path: 'tcp://10.0.0.5:4001' },
  labelPrinter: { url: 'tcp://10.0.0.9:9100', dpi: 300 },
  ui: {},
};

export const CONFIG_KEYS = { STATION_ODOO_API_KEY: 'k', STATION_CARRIER_API_KEY: 'k' };
