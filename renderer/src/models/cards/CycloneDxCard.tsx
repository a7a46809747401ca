import { isObject, type Json, type JsonObject } from './cardDocument';
import { Fields } from './Fields';
import { MetricsTable } from './MetricsTable';

/** The machine-learning-model components of a CycloneDX ML-BOM, nested ones included, each with its model card. */
function models(components: Json | undefined): JsonObject[] {
  if (!Array.isArray(components)) return [];
  return components.filter(isObject).flatMap((c) => [...(c.type === 'machine-learning-model' ? [c] : []), ...models(c.components)]);
}

function ModelComponent({ component }: { component: JsonObject }) {
  const card = isObject(component.modelCard) ? component.modelCard : {};
  const qa = isObject(card.quantitativeAnalysis) ? card.quantitativeAnalysis : {};
  const name = typeof component.name === 'string' ? component.name : 'unnamed model';
  return (
    <section aria-label={`Model component ${name}`}>
      <h4>
        {name}
        {typeof component.version === 'string' ? ` ${component.version}` : ''}
      </h4>
      <Fields value={component} omit={['name', 'version', 'type', 'modelCard', 'components']} />
      {isObject(card.modelParameters) && (
        <>
          <h5>Model parameters</h5>
          <Fields value={card.modelParameters} />
        </>
      )}
      <h5>Performance metrics</h5>
      <MetricsTable metrics={qa.performanceMetrics} label={`Performance metrics of ${name}`} />
      {Object.keys(qa).some((k) => k !== 'performanceMetrics') && <Fields value={qa} omit={['performanceMetrics']} />}
      {isObject(card.considerations) && (
        <>
          <h5>Considerations</h5>
          <Fields value={card.considerations} />
        </>
      )}
    </section>
  );
}

/** A CycloneDX ML-BOM: the BOM's identity, then each model component's card field by field. */
export function CycloneDxCard({ bom }: { bom: JsonObject }) {
  const list = models(bom.components);
  const meta = isObject(bom.metadata) ? bom.metadata : {};
  return (
    <section aria-label="CycloneDX ML-BOM">
      <p className="muted">
        CycloneDX {typeof bom.specVersion === 'string' ? bom.specVersion : ''} ML-BOM
        {typeof meta.timestamp === 'string' ? `, ${meta.timestamp}` : ''}
        {isObject(meta.component) && typeof meta.component.name === 'string' ? `, from ${meta.component.name}` : ''}
      </p>
      {list.length === 0 ? <p className="muted">The BOM lists no machine-learning-model component.</p> : list.map((c, i) => <ModelComponent key={i} component={c} />)}
    </section>
  );
}
