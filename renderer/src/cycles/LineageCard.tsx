import type { Lineage } from '../../../shared/cycles/lineage';
import { formatMoment } from '../format/dates';
import { formatCount } from '../format/numbers';

const CARRIED: { key: keyof Lineage['carried']; one: string; many: string }[] = [
  { key: 'models', one: 'model', many: 'models' },
  { key: 'bundles', one: 'bundle with its evidence', many: 'bundles with their evidence' },
  { key: 'conditions', one: 'open condition', many: 'open conditions' },
  { key: 'mitigations', one: 'open mitigation', many: 'open mitigations' },
  { key: 'acceptances', one: 'risk acceptance', many: 'risk acceptances' },
  { key: 'findings', one: 'open finding', many: 'open findings' },
  { key: 'priorScores', one: 'prior score', many: 'prior scores' },
];

/**
 * Where this cycle came from and what the hand-over carried: the predecessor's name, file
 * and audit head (the link `mrb audit verify --previous` checks), and the counts.
 */
export function LineageCard({ lineage, fresh }: { lineage: Lineage; fresh: boolean }) {
  const p = lineage.predecessor;
  if (!p) return null;
  return (
    <section className={`card lineage${fresh ? ' lineage-fresh' : ''}`} aria-labelledby="lineage-title">
      <h2 id="lineage-title">{fresh ? `Started from ${p.name}` : `Follows ${p.name}`}</h2>
      <p>
        Carried forward{' '}
        <time dateTime={p.carriedAt} title={p.carriedAt}>
          {formatMoment(p.carriedAt)}
        </time>
        :
      </p>
      <ul className="carried" aria-label="Carried forward">
        {CARRIED.map((c) => (
          <li key={c.key}>
            <span className="num">{formatCount(lineage.carried[c.key])}</span> {lineage.carried[c.key] === 1 ? c.one : c.many}
          </li>
        ))}
      </ul>
      <p className="muted small">
        Predecessor file <span className="path">{p.file}</span>
        {lineage.predecessorPresent ? '' : ' (not found beside this workspace)'} · audit head at the hand-over <code title={p.head}>{p.head.slice(0, 16)}…</code> (event{' '}
        {formatCount(p.headSeq)})
      </p>
    </section>
  );
}
