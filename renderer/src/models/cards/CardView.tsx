import { MarkdownView } from '../MarkdownView';
import { readCard } from './cardDocument';
import { CycloneDxCard } from './CycloneDxCard';
import { Fields, FieldValue } from './Fields';
import { FrontMatterTable } from './FrontMatterTable';
import { ModelCardToolkitCard } from './ModelCardToolkitCard';

/** A model card file laid out by its format, never as raw JSON or YAML. */
export function CardView({ path, text }: { path: string; text: string }) {
  const doc = readCard(path, text);
  switch (doc.kind) {
    case 'cyclonedx':
      return <CycloneDxCard bom={doc.bom} />;
    case 'model-card-toolkit':
      return <ModelCardToolkitCard card={doc.card} />;
    case 'json':
      return typeof doc.value === 'object' && doc.value !== null && !Array.isArray(doc.value) ? <Fields value={doc.value} /> : <FieldValue value={doc.value} />;
    case 'unreadable':
      return <p className="muted">{doc.reason}</p>;
    case 'markdown':
      return (
        <>
          <MarkdownView text={doc.body} />
          {doc.metaText !== null && (
            <details open>
              <summary>Card metadata (front matter)</summary>
              {doc.metaError !== null ? (
                <>
                  <p className="muted">{doc.metaError}</p>
                  <pre>{doc.metaText}</pre>
                </>
              ) : (
                <FrontMatterTable meta={doc.meta} />
              )}
            </details>
          )}
        </>
      );
  }
}
