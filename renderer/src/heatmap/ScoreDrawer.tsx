import { useEffect, useRef, useState } from 'react';
import type { HeatmapRow, Score } from '../../../shared/contract/calls';
import type { Dimension } from '../../../shared/domain/taxonomy';
import { riskSwatch, type PaletteName } from '../../../shared/scoring/colourScale';
import { useApi } from '../api/ApiContext';
import { asCallError } from '../api/callError';
import { placeError } from '../forms/fieldErrors';
import { Loaded } from '../api/Loaded';
import { useCall } from '../api/useCall';
import { formatMoment } from '../format/dates';
import { dialogKeys } from '../sessions/dialogFocus';
import { HistoryLink } from '../audit/historyLink';

interface Props {
  row: HeatmapRow;
  dimension: Dimension;
  palette: PaletteName;
  onClose(): void;
}

/**
 * What "accept all" did, in one or two sentences: the rule scores it set, and the
 * dimensions it left alone because an analyst had scored them.
 */
function acceptedText(saved: readonly Score[], kept: readonly { dimension: string; reason: string }[], labelOf: (key: string) => string): string {
  const did =
    saved.length === 0
      ? kept.length === 0
        ? 'Every rule proposal is already the score.'
        : 'No rule score was needed.'
      : `Accepted ${saved.length} rule score${saved.length === 1 ? '' : 's'}: ${saved.map((s) => `${labelOf(s.dimension)} ${s.value}`).join(', ')}.`;
  return kept.length === 0 ? did : `${did} Kept your scores on: ${kept.map((k) => labelOf(k.dimension)).join(', ')}.`;
}

type FieldName = 'value' | 'lo' | 'hi' | 'rationale' | 'finding' | 'evidence';
/** The fields the score call's refusals can name (the evidence choice is checked here first). */
const SAVED_FIELDS: readonly FieldName[] = ['value', 'lo', 'hi', 'rationale', 'finding'];

/** The evidence select's choice when more than one bundle could be linked and none is chosen yet. */
const UNCHOSEN = '?';

/**
 * Scores one model on one dimension: the current score and where it came from, the
 * evidence rule's proposal, and the form. Keys 1-5 set the score, Ctrl+Enter saves, Esc
 * closes. An unscored cell opens with no value chosen (or on the rule's proposal), so a
 * save never records a score nobody picked. The map recolours from the change event the
 * save causes, like every other window.
 */
export function ScoreDrawer({ row, dimension, palette, onClose }: Props) {
  const { client } = useApi();
  const current = row.scores[dimension.key] ?? null;
  const proposals = useCall('scores.proposals', { modelId: row.model.id });
  const proposal = proposals.value?.find((p) => p.dimension === dimension.key)?.proposal ?? null;
  const [value, setValue] = useState<number | null>(current?.value ?? proposal?.score ?? null);
  const [lo, setLo] = useState(String(current?.lo ?? current?.value ?? ''));
  const [hi, setHi] = useState(String(current?.hi ?? current?.value ?? ''));
  const [rationale, setRationale] = useState(current?.source === 'analyst' ? current.rationale : '');
  // The proposal arrives after the drawer opens: an unscored cell nobody has touched starts on it.
  const touched = useRef(false);
  useEffect(() => {
    if (!touched.current && current === null && proposal !== null) {
      setValue(proposal.score);
      setLo(String(proposal.score));
      setHi(String(proposal.score));
    }
  }, [current, proposal]);
  const bundles = useCall('bundles.list', { modelId: row.model.id });
  const [linked, setLinked] = useState<string | null>(current?.evidence?.bundleSha256 ?? (current === null ? null : ''));
  // With one bundle the score rests on it unless the analyst says otherwise; with more, the analyst chooses.
  const bundleCount = bundles.value?.length;
  const evidenceChoice = linked ?? (bundleCount === undefined ? '' : bundleCount === 1 ? (bundles.value?.[0]?.sha256 ?? '') : bundleCount === 0 ? '' : UNCHOSEN);
  const findings = useCall('findings.list', { modelId: row.model.id });
  const [finding, setFinding] = useState(current?.evidence?.findingId === undefined ? '' : String(current.evidence.findingId));
  const [errors, setErrors] = useState<Partial<Record<FieldName, string>>>({});
  const [formError, setFormError] = useState<string | null>(null);
  const [saving, setSaving] = useState(false);
  const [accepted, setAccepted] = useState<string | null>(null);
  const first = useRef<HTMLInputElement>(null);
  const taxonomy = useCall('taxonomy.get', {});
  const labelOf = (key: string) => taxonomy.value?.dimensions.find((d) => d.key === key)?.label ?? key;

  useEffect(() => {
    first.current?.focus();
  }, []);
  // After an accept the focus goes to the score it set (the accept button may be gone), once a render shows that
  // score: a render of another update can come first, and the ref is then still on the old value's radio.
  const focusOn = useRef<number | null>(null);
  useEffect(() => {
    if (focusOn.current === null || (value ?? 1) !== focusOn.current) return;
    focusOn.current = null;
    first.current?.focus();
  });

  const choose = (v: number) => {
    touched.current = true;
    setValue(v);
    setLo(String(v));
    setHi(String(v));
    setErrors((e) => ({ ...e, value: undefined }));
  };

  /** The form shows a score just saved: its value, band and rationale, and no error left from before. */
  const showSaved = (saved: Score) => {
    touched.current = true;
    setValue(saved.value);
    setLo(String(saved.lo));
    setHi(String(saved.hi));
    setRationale(saved.source === 'analyst' ? saved.rationale : '');
    setErrors({});
    setFormError(null);
  };

  const save = async () => {
    setErrors({});
    setFormError(null);
    if (value === null) {
      setErrors({ value: 'Choose a score from 1 to 5 first (keys 1 to 5).' });
      return;
    }
    if (finding === '' && evidenceChoice === UNCHOSEN) {
      setErrors({ evidence: `Choose the bundle this score rests on: ${bundleCount ?? 0} bundles of this model are imported (or choose "No bundle linked").` });
      return;
    }
    setSaving(true);
    const band = (text: string) => (text.trim() === '' ? undefined : Number(text));
    try {
      await client.call('scores.set', {
        modelId: row.model.id,
        dimension: dimension.key,
        value,
        lo: band(lo) ?? value,
        hi: band(hi) ?? value,
        rationale,
        ...(finding !== '' ? { evidence: { findingId: Number(finding) } } : evidenceChoice === '' ? {} : { evidence: { bundleSha256: evidenceChoice } }),
      });
      onClose();
    } catch (err) {
      const placed = placeError(asCallError(err).error, SAVED_FIELDS, { 'evidence.findingId': 'finding' });
      setErrors(placed.fields);
      setFormError(placed.form);
    } finally {
      setSaving(false);
    }
  };

  const accept = async (only: 'this' | 'all') => {
    setFormError(null);
    try {
      const { accepted: saved, kept } = await client.call('scores.acceptProposals', { modelId: row.model.id, ...(only === 'this' ? { dimensions: [dimension.key] } : {}) });
      const mine = saved.find((s) => s.dimension === dimension.key);
      if (mine) showSaved(mine);
      else setErrors({});
      focusOn.current = mine?.value ?? value ?? 1;
      setAccepted(only === 'this' && mine ? `Accepted the rule's ${mine.value} for ${dimension.label}.` : acceptedText(saved, kept, labelOf));
    } catch (err) {
      setFormError(asCallError(err).message);
    }
  };

  const onKeyDown = (e: React.KeyboardEvent) => {
    if (dialogKeys(e, { close: onClose, submit: () => void save() })) return;
    if (/^[1-5]$/.test(e.key) && !(e.target instanceof HTMLTextAreaElement) && !(e.target instanceof HTMLInputElement && e.target.type === 'text')) {
      e.preventDefault();
      choose(Number(e.key));
    }
  };

  const overriding = proposal !== null && value !== null && proposal.score !== value;
  return (
    <aside className="drawer score-drawer" role="dialog" aria-label={`Score ${row.model.name} on ${dimension.label}`} onKeyDown={onKeyDown}>
      <div className="drawer-head">
        <h2>
          {dimension.label} <span className="muted">· {row.model.name}</span>
        </h2>
        <button type="button" onClick={onClose}>
          Close
        </button>
      </div>
      <div className="drawer-body">
        <p className="muted">
          {dimension.description} ({dimension.axis}, weight {dimension.weight})
        </p>
        <h3>Now</h3>
        {current ? (
          <p>
            <strong>{current.value}</strong>
            {current.lo !== current.hi && ` (band ${current.lo} to ${current.hi})`} · {current.source === 'rule' ? `rule ${current.evidence?.rule ?? ''}` : 'analyst'} · {current.scoredBy},{' '}
            <time dateTime={current.scoredAt} title={current.scoredAt}>
              {formatMoment(current.scoredAt)}
            </time>
            {current.rationale && <span className="block muted">{current.rationale}</span>}{' '}
            <HistoryLink target={{ entity: 'score', entityId: `${row.model.id}/${dimension.key}`, label: `${row.model.name} · ${dimension.label}` }} />
          </p>
        ) : (
          <p className="muted">Not scored yet.</p>
        )}
        <PriorScore modelId={row.model.id} dimension={dimension.key} />
        <h3>Evidence</h3>
        <Loaded state={proposals} what="the rule proposals">
          {(list) => {
            const p = list.find((x) => x.dimension === dimension.key)?.proposal;
            const any = list.filter((x) => x.proposal !== null);
            return (
              <>
                {p ? (
                  <>
                    <p className="proposal">
                      The rule <code>{p.rule}</code> proposes <strong>{p.score}</strong>: {p.metric} = {p.observedText} in bundle <code title={p.bundleSha256}>{p.bundleSha256.slice(0, 12)}</code>.
                    </p>
                    {!(current?.source === 'rule' && current.value === p.score) && (
                      <p>
                        <button type="button" onClick={() => void accept('this')}>
                          Accept this proposal
                        </button>{' '}
                        <span className="muted small">Sets {dimension.label} to the rule's {p.score}, for this cell alone.</span>
                      </p>
                    )}
                  </>
                ) : (
                  <p className="muted">No evidence rule proposes a score for this dimension.</p>
                )}
                {any.length > 0 && (
                  <p>
                    <button type="button" onClick={() => void accept('all')}>
                      Accept all rule proposals for this model ({any.map((x) => `${labelOf(x.dimension)} → ${x.proposal?.score}`).join(', ')})
                    </button>{' '}
                    <span className="muted small">Dimensions an analyst scored keep their score.</span>
                  </p>
                )}
                {accepted && <p role="status">{accepted}</p>}
              </>
            );
          }}
        </Loaded>
        <h3>Score</h3>
        <form
          onSubmit={(e) => {
            e.preventDefault();
            void save();
          }}
        >
          <fieldset className="score-choice" aria-describedby={errors.value ? 'score-value-error' : undefined}>
            <legend>Score (keys 1 to 5){value === null ? ': none chosen yet' : ''}</legend>
            {[1, 2, 3, 4, 5].map((v) => {
              const s = riskSwatch(v, palette);
              return (
                <label key={v} className="score-option" style={{ background: s.fill, color: s.text }}>
                  <input
                    ref={v === (value ?? 1) ? first : undefined}
                    type="radio"
                    name="score"
                    value={v}
                    checked={value === v}
                    onChange={() => choose(v)}
                  />
                  {v}
                </label>
              );
            })}
            {errors.value && (
              <p className="field-error" id="score-value-error" role="alert">
                {errors.value}
              </p>
            )}
          </fieldset>
          <div className="field-row">
            <div className={`field${errors.lo ? ' field-invalid' : ''}`}>
              <label htmlFor="score-lo">Band low</label>
              <input id="score-lo" type="text" inputMode="decimal" value={lo} onChange={(e) => setLo(e.target.value)} aria-invalid={errors.lo ? true : undefined} />
              {errors.lo && <p className="field-error">{errors.lo}</p>}
            </div>
            <div className={`field${errors.hi ? ' field-invalid' : ''}`}>
              <label htmlFor="score-hi">Band high</label>
              <input id="score-hi" type="text" inputMode="decimal" value={hi} onChange={(e) => setHi(e.target.value)} aria-invalid={errors.hi ? true : undefined} />
              {errors.hi && <p className="field-error">{errors.hi}</p>}
            </div>
          </div>
          <div className={`field${errors.rationale ? ' field-invalid' : ''}`}>
            <label htmlFor="score-rationale">Rationale{overriding ? ' (required: this overrides the rule)' : ''}</label>
            <textarea id="score-rationale" rows={4} value={rationale} onChange={(e) => setRationale(e.target.value)} aria-invalid={errors.rationale ? true : undefined} aria-describedby={errors.rationale ? 'score-rationale-error' : undefined} />
            {errors.rationale && (
              <p className="field-error" id="score-rationale-error" role="alert">
                {errors.rationale}
              </p>
            )}
          </div>
          <div className={`field${errors.evidence ? ' field-invalid' : ''}`}>
            <label htmlFor="score-evidence">Evidence</label>
            <select
              id="score-evidence"
              value={evidenceChoice}
              onChange={(e) => {
                setLinked(e.target.value);
                setErrors((x) => ({ ...x, evidence: undefined }));
              }}
              aria-invalid={errors.evidence ? true : undefined}
            >
              {evidenceChoice === UNCHOSEN && (
                <option value={UNCHOSEN} disabled>
                  Choose a bundle…
                </option>
              )}
              <option value="">No bundle linked</option>
              {(bundles.value ?? []).map((b) => (
                <option key={b.sha256} value={b.sha256}>
                  Bundle {b.modelVersion}, imported {formatMoment(b.importedAt)} ({b.sha256.slice(0, 12)}…)
                </option>
              ))}
            </select>
            {errors.evidence ? (
              <p className="field-error" role="alert">
                {errors.evidence}
              </p>
            ) : (
              <p className="field-hint">The bundle this score rests on; the packet prints its SHA-256 beside the score.</p>
            )}
          </div>
          {(findings.value ?? []).length > 0 && (
            <div className={`field${errors.finding ? ' field-invalid' : ''}`}>
              <label htmlFor="score-finding">Finding</label>
              <select id="score-finding" value={finding} onChange={(e) => setFinding(e.target.value)}>
                <option value="">No finding linked</option>
                {(findings.value ?? []).map((f) => (
                  <option key={f.id} value={String(f.id)}>
                    {f.severity}: {f.message.length > 90 ? `${f.message.slice(0, 89)}…` : f.message}
                  </option>
                ))}
              </select>
              {errors.finding && <p className="field-error">{errors.finding}</p>}
            </div>
          )}
          {formError && (
            <p className="form-error" role="alert">
              {formError}
            </p>
          )}
          <div className="actions">
            <button type="submit" className="primary" disabled={saving}>
              {saving ? 'Saving…' : 'Save score'}
            </button>
            <span className="muted small">Ctrl+Enter saves · Esc closes</span>
          </div>
        </form>
      </div>
    </aside>
  );
}

/**
 * The score the predecessor cycle gave, for comparison only: it is history, never the
 * current score, so it sits under its own heading and is not offered as a value.
 */
function PriorScore({ modelId, dimension }: { modelId: string; dimension: string }) {
  const prior = useCall('scores.prior', { modelId });
  const p = prior.value?.find((x) => x.dimension === dimension);
  if (!p) return null;
  return (
    <>
      <h3>Last cycle ({p.cycleName})</h3>
      <p className="prior-score">
        <strong>{p.value}</strong>
        {p.lo !== p.hi && ` (band ${p.lo} to ${p.hi})`} · {p.source === 'rule' ? 'rule' : 'analyst'} · {p.scoredBy},{' '}
        <time dateTime={p.scoredAt} title={p.scoredAt}>
          {formatMoment(p.scoredAt)}
        </time>
        {p.rationale && <span className="block muted">{p.rationale}</span>}
      </p>
    </>
  );
}
