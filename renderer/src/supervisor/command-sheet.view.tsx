import { useCallback, useState, type CSSProperties } from 'react';
import { barsOf, encodeCode128, QUIET_ZONE_MODULES } from '../../../app/commands/code128';
import { sheetWords } from '../../../app/commands/command-sheet';
import { commandSheetPdf } from '../../../app/commands/command-sheet.pdf';
import type { CommandSheet, CommandSheetEntry } from '../../../app/commands/command-sheet.schema';
import { LANGUAGES, type Language } from '../../../app/i18n/language';
import type { StationLink } from '../bridge/station-api';
import { useT } from '../i18n/use-t';
import { useAuditedSend } from '../print/audit-fields.view';
import { useCoreRead } from './use-core-read';

/** Screen pixels per module: 2 keeps the longest code on a laptop screen and still scans off it. */
const MODULE_PX = 2;
const BAR_PX = 56;

// The sheet is paper on screen: dark bars on white, whatever the panel's theme (scanners need the contrast).
const PAPER: CSSProperties = { background: '#fff', color: '#000', borderRadius: 8, padding: '12px 16px', marginTop: 12 };
const GRID: CSSProperties = { display: 'grid', gridTemplateColumns: 'repeat(auto-fill, minmax(560px, 1fr))', gap: '8px 24px' };
const HEAD: CSSProperties = { display: 'flex', justifyContent: 'space-between', alignItems: 'baseline', gap: 12 };
const CONTROLS: CSSProperties = { display: 'flex', flexWrap: 'wrap', alignItems: 'flex-end', gap: 12 };

/** One Code 128, drawn from the same encoder the PDF uses, quiet zones included. */
function Barcode({ code }: { code: string }) {
  const symbol = encodeCode128(code);
  const width = symbol.modules + 2 * QUIET_ZONE_MODULES;
  return (
    <svg width={width * MODULE_PX} height={BAR_PX} viewBox={`0 0 ${width} 1`} preserveAspectRatio="none" shapeRendering="crispEdges" role="img" aria-label={code}>
      <rect x={0} y={0} width={width} height={1} fill="#fff" />
      {barsOf(symbol).map(([x, w]) => (
        <rect key={x} x={QUIET_ZONE_MODULES + x} y={0} width={w} height={1} fill="#000" />
      ))}
    </svg>
  );
}

function Entry({ entry, keyHint }: { entry: CommandSheetEntry; keyHint: (key: string) => string }) {
  return (
    <div data-testid={`command-entry-${entry.code}`}>
      <div style={HEAD}>
        <strong style={{ fontSize: '1.1rem' }}>{entry.caption}</strong>
        {entry.key !== null && <span>{keyHint(entry.key)}</span>}
      </div>
      <Barcode code={entry.code} />
      <div className="mono" style={{ fontSize: '0.8rem', paddingLeft: QUIET_ZONE_MODULES * MODULE_PX }}>
        {entry.code}
      </div>
    </div>
  );
}

function download(sheet: CommandSheet): void {
  const pdf = commandSheetPdf(sheet, { createdAt: Date.now() });
  const url = URL.createObjectURL(new Blob([pdf], { type: 'application/pdf' }));
  const link = document.createElement('a');
  link.href = url;
  link.download = `command-sheet-${sheet.stationId}-${sheet.language}.pdf`;
  link.click();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}

/**
 * The command sheet on the supervisor panel: every command barcode and package type as the printed sheet has them,
 * in the station's language or another; printed on the label printer (through the print queue) or saved as PDF.
 */
export function CommandSheetView({ api }: { api: StationLink }) {
  const { t } = useT();
  const [language, setLanguage] = useState<Language | undefined>(undefined);
  const load = useCallback((link: StationLink) => link.invoke('commands:sheet', language === undefined ? {} : { language }), [language]);
  const { data: sheet, error } = useCoreRead(api, load);
  const [jobId, setJobId] = useState<string | null>(null);
  const printing = useAuditedSend(t('commands.view.refused'));
  const print = () =>
    printing.send(
      api.invoke('commands:print', language === undefined ? {} : { language }).then((res) => {
        setJobId(res.accepted ? (res.jobId ?? null) : null);
        return res;
      }),
    );
  const words = sheet ? sheetWords(sheet) : null;
  return (
    <div data-testid="command-sheet">
      <h2 className="panel-title">{t('commands.view.title')}</h2>
      <div style={CONTROLS}>
        <label className="audit-label">
          {t('commands.view.language')}
          <select className="audit-input" data-testid="command-sheet-language" value={sheet?.language ?? ''} onChange={(e) => setLanguage(e.target.value as Language)}>
            {LANGUAGES.map((l) => (
              <option key={l} value={l}>
                {t(`common.language.${l}`)}
              </option>
            ))}
          </select>
        </label>
        <button type="button" className="btn btn-primary" data-testid="command-sheet-print" disabled={!sheet || printing.busy} onClick={print}>
          {printing.busy ? t('commands.view.printing') : t('commands.view.print')}
        </button>
        <button type="button" className="btn btn-secondary" data-testid="command-sheet-pdf" disabled={!sheet} onClick={() => sheet && download(sheet)}>
          {t('commands.view.savePdf')}
        </button>
      </div>
      {jobId !== null && <p data-testid="command-sheet-printed">{t('commands.view.printed', { job: jobId })}</p>}
      {(printing.error ?? error) && (
        <div className="command-error" role="alert" data-testid="command-sheet-error">
          {printing.error ?? error}
        </div>
      )}
      {sheet && words && (
        <div style={PAPER} data-testid="command-sheet-paper" lang={sheet.language}>
          <h3 style={{ margin: '0 0 4px' }}>{sheet.title}</h3>
          <p style={{ margin: '0 0 8px' }}>{words.howTo}</p>
          {sheet.sections.map((section) => (
            <section key={section.title}>
              <h4 style={{ margin: '12px 0 4px', textTransform: 'uppercase' }}>{section.title}</h4>
              <div style={GRID}>
                {section.entries.map((entry) => (
                  <Entry key={entry.code} entry={entry} keyHint={words.key} />
                ))}
              </div>
            </section>
          ))}
          <p style={{ margin: '12px 0 0', fontSize: '0.8rem' }} data-testid="command-sheet-note">
            {words.packageTypesNote}
          </p>
        </div>
      )}
    </div>
  );
}
