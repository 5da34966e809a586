/**
 * `station commands` (the first case as a real child process, the rest through the same entry point in-process, as
 * spawning the CLI from source costs seconds a run): package types read from the Odoo sandbox over HTTP on 127.0.0.1
 * (one without a barcode gets the station's code), the sheet written as ZPL and as PDF in the language asked for,
 * the station's cached pickings used when Odoo is out of reach (and said so), and `--print` delivering the labels to
 * a Zebra-like printer on a real TCP socket, made for the dpi the printer reports; a printer that is not ready gets
 * nothing.
 */
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { stationPackageTypeCode } from '../../../app/commands/package-type-codes';
import { closeStationDb, openStationDb } from '../../../sync/db/station-db';
import { OutboxStore } from '../../../sync/outbox/outbox.store';
import { SqlitePickingCache } from '../../../sync/outbox/picking-cache.store';
import { OdooSandbox } from '../../../sync/sim/odoo/odoo-sandbox.sim';
import { ZplPrinterSimulator } from '../../../drivers/sim/zpl-printer.sim';
import { realClock } from '../../support/real-clock';
import { runStation, type CliResult } from '../../support/station-cli';
import { runCommands } from '../../../main/cli/commands.command';
import { minimalConfig } from '../../support/station-config-input';
import { pdfTexts, readPdf } from '../../support/pdf-read';
import { zplBarcodeFields as barcodeFields } from '../../support/zpl-barcode-fields';
import { picking, tempDir } from '../../unit/sync/outbox/outbox-fixtures';

const ENV = { ...process.env, STATION_ODOO_API_KEY: 'sandbox-key', STATION_CARRIER_API_KEY: 'k' };
/** `station commands <args>` in this process, with what it printed. */
async function inProcess(args: string[]): Promise<CliResult> {
  let stdout = '';
  let stderr = '';
  const code = await runCommands(args, { env: ENV, stdout: (t) => (stdout += t), stderr: (t) => (stderr += t) });
  return { code, stdout, stderr };
}
const COMMANDS = ['O-BTN.pack', 'O-BTN.retry', 'O-BTN.reprint', 'O-BTN.return-label', 'O-BTN.cancel', 'O-BTN.ack', 'O-BTN.sign-out'];

describe('station commands (Odoo sandbox, Zebra simulator)', () => {
  let tmp: ReturnType<typeof tempDir>;
  let odoo: OdooSandbox;
  let odooUrl: string;
  let printer: ZplPrinterSimulator;
  let printerUrl: string;
  let envelopeId: number;

  const writeConfig = (name: string, over: { odooUrl?: string; printerUrl?: string; dataDir?: string; language?: string }) => {
    const file = join(tmp.dir, name);
    const dataDir = over.dataDir ?? join(tmp.dir, `data-${name}`);
    mkdirSync(dataDir, { recursive: true });
    writeFileSync(
      file,
      JSON.stringify({
        ...minimalConfig,
        stationId: 'pack-09',
        dataDir,
        odoo: { url: over.odooUrl ?? odooUrl, db: 'station', login: 'admin', timeoutMs: 2000 },
        labelPrinter: { url: over.printerUrl ?? printerUrl, dpi: 203 },
        ui: over.language ? { language: over.language } : {},
      }),
    );
    return file;
  };

  beforeAll(async () => {
    tmp = tempDir();
    odoo = new OdooSandbox({ version: 17 });
    odooUrl = (await odoo.listen()).url;
    envelopeId = odoo.createInOdoo('stock.package.type', { name: 'Enveloppe matelassée', barcode: false, sequence: 9, base_weight: 0.05, max_weight: 1 });
    printer = new ZplPrinterSimulator({ dpi: 300 });
    printerUrl = `tcp://127.0.0.1:${(await printer.listen()).port}`;
  });
  afterAll(async () => {
    await odoo.close();
    await printer.close();
    tmp.cleanup();
  });

  it('writes the sheet as ZPL labels with Odoo’s package types, in the station’s language', async () => {
    const config = writeConfig('fr.json', { language: 'fr' });
    const out = join(tmp.dir, 'sheet.zpl');
    const run = await runStation(['commands', '--config', config, '--zpl', out], ENV);
    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);
    expect(run.stdout).toMatch(/^Command sheet of pack-09 \(fr, 7 commands, 4 package types\): 3 label\(s\) at 203 dpi written to /);
    const zpl = readFileSync(out, 'utf8');
    expect(barcodeFields(zpl)).toEqual([...COMMANDS, 'PT-SMALL', 'PT-MEDIUM', 'PT-LARGE', stationPackageTypeCode(envelopeId)]);
    expect(zpl).toContain('^FDMettre en colis^FS');
    expect(zpl).toContain('^FDEnveloppe matelass_C3_A9e^FS');
  });

  it('writes a PDF in the language asked for', async () => {
    const out = join(tmp.dir, 'sheet.pdf');
    const run = await inProcess(['--config', writeConfig('de.json', {}), '--language', 'de', '--pdf', out]);
    expect(run.code).toBe(0);
    const texts = readPdf(readFileSync(out)).pages.flatMap((p) => pdfTexts(p.content));
    expect(texts).toEqual(expect.arrayContaining(['Befehlsblatt — Station pack-09', 'Einpacken', 'Abmelden', 'PT-LARGE', 'Enveloppe matelassée', 'VERPACKUNGSARTEN']));
  });

  it('takes the package types from the station’s cached pickings when Odoo is out of reach, and says so', async () => {
    const dataDir = join(tmp.dir, 'offline-data');
    mkdirSync(dataDir);
    const db = openStationDb(join(dataDir, 'station.db'));
    const box = { id: 41, name: 'Cached Box', barcode: 'CB-41', tareG: 200, lengthMm: 300, widthMm: 200, heightMm: 100, maxWeightG: null };
    new SqlitePickingCache(db, realClock, new OutboxStore(db, realClock)).cachePicking(picking(12, { packageTypes: [box, { ...box, id: 42, name: 'No Code', barcode: null }] }));
    closeStationDb(db);
    const out = join(tmp.dir, 'offline.zpl');
    const run = await inProcess(['--config', writeConfig('offline.json', { odooUrl: 'http://127.0.0.1:9', dataDir }), '--zpl', out]);
    expect(run.code).toBe(0);
    expect(run.stderr).toMatch(/Odoo could not be asked for the package types \(.+\); they come from the station's copy of \d{4}-/);
    expect(barcodeFields(readFileSync(out, 'utf8'))).toEqual([...COMMANDS, 'CB-41', 'O-PKG.42']);

    const bare = await inProcess(['--config', writeConfig('bare.json', { odooUrl: 'http://127.0.0.1:9' })]);
    expect(bare.code).toBe(0);
    expect(bare.stderr).toContain('the station holds no copy of them: the sheet has the commands only');
    expect(bare.stdout).toContain('O-BTN.sign-out');
    expect(bare.stdout).not.toContain('PT-SMALL');
  });

  it('--print sends the labels to the label printer, at the dpi the printer reports', async () => {
    const before = printer.jobs().length;
    const run = await inProcess(['--config', writeConfig('print.json', {}), '--print']);
    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);
    expect(run.stdout).toContain(`3 label(s) at 300 dpi sent to ${printerUrl}`);
    const printed = printer.jobs().slice(before).join('\n');
    expect(barcodeFields(printed)).toEqual([...COMMANDS, 'PT-SMALL', 'PT-MEDIUM', 'PT-LARGE', stationPackageTypeCode(envelopeId)]);
    expect(printed).toContain('^PW1219'); // 4 in at 12 dots/mm: made for the printer, not the config's 203 dpi
  });

  it('sends nothing to a printer that is not ready, and refuses options that contradict', async () => {
    printer.setFault('paper_out');
    const before = printer.jobs().length;
    // The CLI prints a StationError as `station: [DEVICE] …` and exits 1 (main/cli/station.cli.ts).
    await expect(inProcess(['--config', writeConfig('fault.json', {}), '--print'])).rejects.toMatchObject({
      code: 'DEVICE',
      message: expect.stringMatching(/the label printer is not ready \(paper_out\): nothing was sent/),
    });
    printer.setFault(null);
    expect(printer.jobs().length).toBe(before);

    await expect(inProcess(['--zpl', 'a', '--pdf', 'b'])).rejects.toMatchObject({ code: 'CONFIG', message: expect.stringContaining('choose one of --zpl, --pdf and --print') });
    await expect(inProcess(['--language', 'it'])).rejects.toThrow('--language must be one of en, de, fr, es (not "it")');
  });
});
