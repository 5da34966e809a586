import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { CarrierExceptionKindSchema, VoidStatusSchema } from '../../../../app/domain/carrier.schema';
import { DeviceStateSchema } from '../../../../app/domain/device.schema';
import { DeadLetterActionSchema, DeadLetterViaSchema } from '../../../../app/domain/dead-letter.schema';
import { PrintAuditActionSchema, PrintJobKindSchema, PrintJobStateSchema } from '../../../../app/domain/print-job.schema';
import { ManifestOutcomeSchema } from '../../../../app/domain/shipping-day.schema';
import { translator } from '../../../../app/i18n/catalogues';
import type { Language } from '../../../../app/i18n/language';

const filesUnder = (dir: string): string[] =>
  readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    return statSync(path).isDirectory() ? filesUnder(path) : /\.tsx?$/.test(path) ? [path] : [];
  });

/** Where the supervisor's words are asked for by a literal key. */
const SPEAKERS = [...filesUnder('renderer/src/supervisor'), 'app/outbox/dead-letter.advice.ts', 'app/carrier/carrier-actions.ts'];

describe('the supervisor catalogues', () => {
  it('define every key the panel and the core ask for by name', () => {
    const asked = SPEAKERS.flatMap((file) => [...readFileSync(file, 'utf8').matchAll(/'(supervisor\.[\w.-]+\w)'/g)].map((m) => m[1]!));
    expect(asked.length).toBeGreaterThan(100);
    // A key may be a family's prefix (`supervisor.machine` for its states).
    const prefixes = new Set(translator.keys('en').flatMap((key) => key.split('.').map((_, i, parts) => parts.slice(0, i).join('.'))));
    expect([...new Set(asked)].filter((key) => !translator.has(key) && !prefixes.has(key))).toEqual([]);
  });

  it('name every value of the sets the panel shows by a key built from the value', () => {
    const families: [string, readonly string[]][] = [
      ['supervisor.devices.state', DeviceStateSchema.options],
      ['supervisor.print.state', PrintJobStateSchema.options],
      ['supervisor.print.kind', PrintJobKindSchema.options],
      ['supervisor.print.action', PrintAuditActionSchema.options],
      ['supervisor.dead.action', DeadLetterActionSchema.options],
      ['supervisor.dead.via', DeadLetterViaSchema.options],
      ['supervisor.labels.refund', ['requested', ...VoidStatusSchema.options]],
      ['supervisor.day.outcome', ManifestOutcomeSchema.shape.outcome.options],
      ['supervisor.exceptionKind', CarrierExceptionKindSchema.options],
      ['supervisor.remote', ['odoo', 'carrier', 'hub']],
    ];
    const missing = families.flatMap(([prefix, values]) => values.map((v) => `${prefix}.${v}`).filter((key) => !translator.has(key)));
    expect(missing).toEqual([]);
  });

  it('read as the languages they claim, numbers and plurals by the reader', () => {
    const at = (language: Language) => ({ language, weightUnits: 'metric' as const });
    expect(translator.t('supervisor.day.toManifest', at('en'), { count: 1 })).toBe('1 parcel bought today is on no manifest yet');
    expect(translator.t('supervisor.day.toManifest', at('de'), { count: 1200 })).toBe('1.200 heute gekaufte Pakete stehen noch in keinem Manifest');
    expect(translator.t('supervisor.sync.rate', at('fr'), { rps: 4, count: 2 })).toBe('limite de débit 4/s : 2 requêtes en attente');
    expect(translator.t('supervisor.dead.doReplayAll', at('es'), { count: 3, target: 'Odoo' })).toBe('Reenviar los 3 eventos no entregados a Odoo');
  });
});
