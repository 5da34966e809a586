import type { PackingView } from '../../../app/domain/packing-view.schema';
import { useT } from '../i18n/use-t';
import { carrierExceptionKindKey } from '../state/carrier-exception-kinds';

/**
 * The parcel the carrier desk would not label, under the instruction to set it aside: which box it is and the
 * exception number to write on it, so whoever resolves the exception finds the box on the shelf.
 */
export function SetAsideView({ aside }: { aside: NonNullable<PackingView['setAside']> }) {
  const { t } = useT();
  return (
    <section className="panel set-aside" data-testid="set-aside" data-kind={aside.kind} aria-label={t('packer.setAside')}>
      <h2 className="panel-title">
        {t('packer.setAside.title', { kind: t(carrierExceptionKindKey(aside.kind)), picking: aside.pickingName, parcel: aside.parcelIndex })}
      </h2>
      {aside.exceptionId !== null && (
        <div className="set-aside-mark" data-testid="set-aside-exception">
          {t('packer.setAside.mark', { id: String(aside.exceptionId) })}
        </div>
      )}
      <p className="muted">{aside.suggestedAction}</p>
    </section>
  );
}
