import type { PackingView } from '../../../app/domain/packing-view.schema';
import { formatWeight } from '../state/format';

export function WeightView({ weight, expectedG }: { weight: PackingView['weight']; expectedG: number | null }) {
  return (
    <section className="panel weight-panel" aria-label="Scale">
      <h2 className="panel-title">Weight</h2>
      {weight === null ? (
        <div className="weight weight-none" data-testid="weight" data-stable="false">
          — no reading
        </div>
      ) : (
        <>
          <div className="weight" data-testid="weight" data-stable={String(weight.stable)} data-grams={weight.grams}>
            {formatWeight(weight.grams)}
          </div>
          <div
            className={`stable-badge ${weight.stable ? 'is-stable' : 'is-moving'}`}
            data-testid="weight-stable"
            role="status"
          >
            {weight.stable ? 'STABLE' : 'MOVING…'}
          </div>
        </>
      )}
      {expectedG !== null && (
        <div className="muted" data-testid="expected-weight">
          expected ≈ {formatWeight(expectedG)}
        </div>
      )}
    </section>
  );
}
