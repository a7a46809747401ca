import { useEffect, useRef, useState } from 'react';
import type { BundleSummary } from '../../../shared/contract/calls';
import type { Model } from '../../../shared/domain/model';
import { Loaded } from '../api/Loaded';
import { useCall, type CallState } from '../api/useCall';
import { formatMoment } from '../format/dates';
import { BundleReport } from '../evidence/BundleReport';
import { useDialogFocus } from '../sessions/dialogFocus';
import { CardView } from './cards/CardView';
import { ModelHistory, ModelFindings } from './ModelCycles';
import { ModelScores } from './ModelScores';

function ModelCard({ bundle }: { bundle: BundleSummary }) {
  const file = bundle.files.find((f) => f.role === 'model_card' && f.listed);
  if (!file) return <p className="muted">The newest bundle has no model card.</p>;
  return <CardFile sha256={bundle.sha256} path={file.path} />;
}

function CardFile({ sha256, path }: { sha256: string; path: string }) {
  const file = useCall('bundles.file', { sha256, path });
  return (
    <Loaded state={file} what="the model card">
      {(f) => {
        if (f.text === null) return <p className="muted">{f.path} is not text of at most 1 MiB; see its hash in the bundle report.</p>;
        return <CardView path={f.path} text={f.text} />;
      }}
    </Loaded>
  );
}

interface RunEvent {
  eventType?: string;
  eventTime?: string;
  job?: { namespace?: string; name?: string };
  inputs?: { namespace?: string; name?: string }[];
  outputs?: { namespace?: string; name?: string }[];
  producer?: string;
}

function Lineage({ bundle }: { bundle: BundleSummary }) {
  const file = bundle.files.find((f) => f.role === 'lineage' && f.listed);
  const state = useCall('bundles.file', { sha256: bundle.sha256, path: file?.path ?? 'lineage.json' });
  if (!file) return <p className="muted">The newest bundle has no lineage.</p>;
  return (
    <Loaded state={state} what="the lineage">
      {(f) => {
        let event: RunEvent;
        try {
          event = JSON.parse(f.text ?? 'null') as RunEvent;
        } catch {
          return <p className="muted">{f.path} is not JSON.</p>;
        }
        const name = (d: { namespace?: string; name?: string }) => `${d.namespace ?? '?'}/${d.name ?? '?'}`;
        return (
          <dl className="facts">
            <dt>Run</dt>
            <dd>
              {event.job ? name(event.job) : '—'} · {event.eventType ?? '—'} {event.eventTime && <time dateTime={event.eventTime}>{formatMoment(event.eventTime)}</time>}
            </dd>
            <dt>Inputs</dt>
            <dd>{(event.inputs ?? []).map(name).join(', ') || '—'}</dd>
            <dt>Outputs</dt>
            <dd>{(event.outputs ?? []).map(name).join(', ') || '—'}</dd>
            <dt>Producer</dt>
            <dd>{event.producer ?? '—'}</dd>
          </dl>
        );
      }}
    </Loaded>
  );
}

/** A model in the right-hand drawer: identity, bundle history, model card, lineage. */
export function ModelDrawer({ model, onClose }: { model: Model; onClose(): void }) {
  const bundles = useCall('bundles.list', { modelId: model.id });
  const [report, setReport] = useState<string | null>(null);
  if (report) return <BundleReport sha256={report} onClose={() => setReport(null)} />;
  return <ModelFacts model={model} bundles={bundles} onClose={onClose} onReport={setReport} />;
}

function ModelFacts({ model, bundles, onClose, onReport }: { model: Model; bundles: CallState<'bundles.list'>; onClose(): void; onReport(sha256: string): void }) {
  const dialog = useRef<HTMLElement>(null);
  useDialogFocus(dialog);
  useEffect(() => {
    const onKey = (e: KeyboardEvent) => e.key === 'Escape' && onClose();
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [onClose]);
  return (
    <aside className="drawer" role="dialog" aria-label={`Model ${model.name}`} ref={dialog} tabIndex={-1}>
      <div className="drawer-head">
        <h2>{model.name}</h2>
        <button type="button" onClick={onClose}>
          Close
        </button>
      </div>
      <div className="drawer-body">
        <dl className="facts">
          <dt>Id</dt>
          <dd>
            <code>{model.id}</code> · version {model.version}
          </dd>
          <dt>Owner</dt>
          <dd>
            {model.owner} · {model.team} · {model.productLine}
          </dd>
          <dt>Use</dt>
          <dd>{model.useCase}</dd>
          <dt>Deployment</dt>
          <dd>
            {model.deployment.context}
            {model.deployment.regulated ? ', regulated' : ''} · {model.regions.join(', ')}
          </dd>
        </dl>
        <h3>Risk scores</h3>
        <ModelScores modelId={model.id} />
        <h3>Across cycles</h3>
        <ModelHistory modelId={model.id} />
        <h3>Findings</h3>
        <ModelFindings modelId={model.id} />
        <h3>Bundles</h3>
        <Loaded state={bundles} what="the bundles">
          {(list) => (
            <>
              <table className="data compact" aria-label="Bundle history">
                <thead>
                  <tr>
                    <th scope="col">Version</th>
                    <th scope="col">Imported</th>
                    <th scope="col" className="num">High</th>
                    <th scope="col" className="num">Medium</th>
                    <th scope="col">Report</th>
                  </tr>
                </thead>
                <tbody>
                  {list.map((b) => (
                    <tr key={b.sha256}>
                      <td>{b.modelVersion}</td>
                      <td>
                        <time dateTime={b.importedAt} title={b.importedAt}>
                          {formatMoment(b.importedAt)}
                        </time>
                      </td>
                      <td className="num">{b.findings.high + b.findings.critical}</td>
                      <td className="num">{b.findings.medium}</td>
                      <td>
                        <button type="button" className="link" onClick={() => onReport(b.sha256)}>
                          Open report
                        </button>
                      </td>
                    </tr>
                  ))}
                </tbody>
              </table>
              {list[0] && (
                <>
                  <h3>Model card</h3>
                  <ModelCard bundle={list[0]} />
                  <h3>Lineage</h3>
                  <Lineage bundle={list[0]} />
                </>
              )}
            </>
          )}
        </Loaded>
      </div>
    </aside>
  );
}
