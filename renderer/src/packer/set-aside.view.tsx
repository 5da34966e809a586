import type { PackingView } from '../../../app/domain/packing-view.schema';
import { CARRIER_EXCEPTION_LABEL } from '../state/carrier-exception-kinds';

/**
 * The parcel the carrier desk would not label, under the instruction to set it aside: which box it is and the
 * exception number to write on it, so whoever resolves the exception finds the box on the shelf.
 */
export function SetAsideView({ aside }: { aside: NonNullable<PackingView['setAside']> }) {
  return (
    <section className="panel set-aside" data-testid="set-aside" data-kind={aside.kind} aria-label="Parcel set aside">
      <h2 className="panel-title">
        {CARRIER_EXCEPTION_LABEL[aside.kind]}: {aside.pickingName}, parcel {aside.parcelIndex}
      </h2>
      {aside.exceptionId !== null && (
        <div className="set-aside-mark" data-testid="set-aside-exception">
          Write on the box: exception #{aside.exceptionId}
        </div>
      )}
      <p className="muted">{aside.suggestedAction}</p>
    </section>
  );
}
