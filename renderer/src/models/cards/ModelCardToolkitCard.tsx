import { isObject, type JsonObject } from './cardDocument';
import { Fields } from './Fields';
import { MetricsTable } from './MetricsTable';

/** A Model Card Toolkit card (model_card.json, schema 0.0.x) by its sections. */
export function ModelCardToolkitCard({ card }: { card: JsonObject }) {
  const details = isObject(card.model_details) ? card.model_details : {};
  const qa = isObject(card.quantitative_analysis) ? card.quantitative_analysis : {};
  const known = ['schema_version', 'model_details', 'model_parameters', 'quantitative_analysis', 'considerations'];
  const rest = Object.fromEntries(Object.entries(card).filter(([k]) => !known.includes(k)));
  return (
    <section aria-label="Model Card Toolkit card">
      <p className="muted">
        Model Card Toolkit card{typeof card.schema_version === 'string' ? `, schema ${card.schema_version}` : ''}
      </p>
      <h4>Model details</h4>
      <Fields value={details} />
      {isObject(card.model_parameters) && (
        <>
          <h4>Model parameters</h4>
          <Fields value={card.model_parameters} />
        </>
      )}
      <h4>Performance metrics</h4>
      <MetricsTable metrics={qa.performance_metrics} label="Card performance metrics" />
      {Object.keys(qa).some((k) => k !== 'performance_metrics') && <Fields value={qa} omit={['performance_metrics']} />}
      {isObject(card.considerations) && (
        <>
          <h4>Considerations</h4>
          <Fields value={card.considerations} />
        </>
      )}
      {Object.keys(rest).length > 0 && (
        <>
          <h4>Other fields</h4>
          <Fields value={rest} />
        </>
      )}
    </section>
  );
}
