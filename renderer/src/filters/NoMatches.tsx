import { plural } from '../../../shared/text/plural';

/**
 * What a list shows when its filters leave no rows: that it is the filters, not an empty
 * cycle, and the one way back.
 */
export function NoMatches({ total, noun, onClear }: { total: number; noun: string; onClear(): void }) {
  return (
    <section className="card empty-state" aria-live="polite">
      <h2>No {noun}s match these filters</h2>
      <p>The cycle has {plural(total, noun)}; none passes every filter chosen above.</p>
      <button type="button" className="primary" onClick={onClear}>
        Clear filters
      </button>
    </section>
  );
}
