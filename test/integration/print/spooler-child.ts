/**
 * A station process for the restart test: opens the database, submits `count` labels to the printer at `url` and
 * keeps printing until the test kills it (SIGKILL, no stop(), no checkpoint). One JSON line per job change on stdout.
 *
 * Usage: tsx spooler-child.ts <db file> <tcp url> <count>
 */
import { randomUUID } from 'node:crypto';
import { ZplTcpPrinter } from '../../../drivers/printers/zpl-tcp-printer';
import { openStationDb } from '../../../sync/db/station-db';
import { StationPrintSpooler } from '../../../sync/print/print-spooler';
import { realClock } from '../../support/real-clock';
import { POLICY, STATUS_TIMEOUT_MS, labelRequest } from './print-constants';

const [file = '', url = '', countArg = '1'] = process.argv.slice(2);
const db = openStationDb(file);
const printer = new ZplTcpPrinter({ url, dpi: 203, statusTimeoutMs: STATUS_TIMEOUT_MS, connectTimeoutMs: 1_000, learnDpi: false }, { clock: realClock });
const spooler = new StationPrintSpooler({ db, clock: realClock, ids: { next: () => randomUUID() }, printers: { label: printer }, policy: POLICY });
spooler.onJob((job) => process.stdout.write(`${JSON.stringify({ id: job.id, state: job.state })}\n`));

// Every job is stored before the worker starts, as after a busy morning: one will be in flight when the kill comes.
for (let n = 1; n <= Number(countArg); n++) spooler.submit(labelRequest(n));
void spooler.start();
// The spooler may idle between polls; the test decides when this process ends.
setInterval(() => undefined, 60_000);
