import type { PackingView } from '../../../app/domain/packing-view.schema';
import { useT } from '../i18n/use-t';

type Line = NonNullable<PackingView['picking']>['lines'][number];

function lineState(line: Line): 'done' | 'over' | 'open' {
  if (line.scanned > line.expected) return 'over';
  return line.scanned === line.expected ? 'done' : 'open';
}

export function LinesView({ lines }: { lines: Line[] }) {
  const { t } = useT();
  if (lines.length === 0) return <p className="muted">{t('packer.lines.none')}</p>;
  return (
    <ul className="lines" data-testid="lines">
      {lines.map((line) => {
        const state = lineState(line);
        return (
          <li key={line.moveId} className={`line line-${state}`} data-testid={`line-${line.moveId}`} data-state={state}>
            <div className="line-main">
              <span className="line-product">{line.productName}</span>
              <span className="line-barcode">{line.barcode ?? t('packer.lines.noBarcode')}</span>
            </div>
            <div className="line-count">
              <span className="line-qty" data-testid={`line-qty-${line.moveId}`}>
                {t('packer.lines.count', { scanned: line.scanned, expected: line.expected })}
              </span>
              {line.inCurrentParcel > 0 && <span className="line-parcel">{t('packer.lines.inParcel', { count: line.inCurrentParcel })}</span>}
            </div>
            {/* <progress> rather than a styled div: a width set through a style attribute is blocked by the CSP. */}
            <progress
              className="line-progress"
              value={Math.min(line.scanned, line.expected)}
              max={Math.max(line.expected, 1)}
              aria-label={t('packer.lines.progress', { product: line.productName, scanned: line.scanned, expected: line.expected })}
            />
          </li>
        );
      })}
    </ul>
  );
}
