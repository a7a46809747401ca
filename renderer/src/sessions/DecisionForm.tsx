import { useEffect, useId, useRef, useState, type KeyboardEvent } from 'react';
import type { Dimension } from '../../../shared/domain/taxonomy';
import { localDate } from '../../../shared/sessions/dates';
import { acceptanceExpiryLimit, DEFAULT_ACCEPTANCE_MAX_MONTHS, evidenceConcerns } from '../../../shared/sessions/decisionRules';
import { minCoverageOf, type Taxonomy } from '../../../shared/domain/taxonomy';
import type { HeatmapRow } from '../../../shared/contract/calls';
import { OUTCOME_WORDS, type AgendaItem, type Decision, type Outcome, type SessionDetail } from '../../../shared/sessions/session';
import { useApi } from '../api/ApiContext';
import { asCallError } from '../api/callError';
import { useCall } from '../api/useCall';
import { FormError } from '../forms/Field';
import { formatDay, formatMoment } from '../format/dates';
import {
  amendArgs,
  clearDraft,
  decideArgs,
  draftKey,
  EMPTY_ACCEPTANCE,
  EMPTY_CONDITION,
  EMPTY_MITIGATION,
  FINDING_PREFIX,
  initialState,
  loadDraft,
  placeRefusal,
  problemsOf,
  saveDraft,
  type DecisionFormState,
  initialApproval,
  recusedIds,
} from './decisionDraft';
import { RowsFieldset, type RowField } from './RowsFieldset';
import { VotesFieldset } from './VotesFieldset';
import { ApprovalFieldset } from './ApprovalFieldset';
import { dialogKeys, useDialogFocus } from './dialogFocus';

type DecisionMode = { kind: 'decide'; outcome: Outcome } | { kind: 'amend'; decision: Decision };

/** The letter that opens the form with each outcome in chairing mode, shown beside it. */
export const OUTCOME_KEYS: readonly { outcome: Outcome; key: string }[] = [
  { outcome: 'approved', key: 'A' },
  { outcome: 'approved_with_conditions', key: 'C' },
  { outcome: 'rejected', key: 'R' },
  { outcome: 'deferred', key: 'D' },
];

const CONDITION_FIELDS: readonly RowField<DecisionFormState['conditions'][number]>[] = [
  { key: 'text', label: 'Condition', wide: true },
  { key: 'due', label: 'Due', type: 'date' },
  { key: 'owner', label: 'Owner', hint: "Empty: the model's owner" },
  {
    key: 'rule',
    label: 'Metric rule',
    wide: true,
    hint: "Optional: checked on the model's next bundle, e.g. drift.psi_max < 0.2 or overall.roc_auc_ci95.lo >= 0.72. Met, the condition closes; not met, it becomes a high finding.",
  },
];
const MITIGATION_FIELDS: readonly RowField<DecisionFormState['mitigations'][number]>[] = [
  { key: 'action', label: 'Action', wide: true },
  { key: 'owner', label: 'Owner' },
  { key: 'due', label: 'Due', type: 'date' },
  { key: 'successCriteria', label: 'Success criteria', wide: true },
];
const ACCEPTANCE_FIELDS: readonly RowField<DecisionFormState['acceptances'][number]>[] = [
  { key: 'risk', label: 'Risk accepted', wide: true },
  { key: 'approver', label: 'Approver' },
  { key: 'expiry', label: 'Expires', type: 'date' },
  { key: 'compensatingControls', label: 'Compensating controls', wide: true },
];

/** The controls of each row of a list, named as the API names them (`conditions[0].due`). */
function rowFields<R>(path: string, rows: readonly R[], fields: readonly RowField<R>[]): string[] {
  return rows.flatMap((_, i) => fields.map((f) => `${path}[${i}].${f.key}`));
}

/** What the service will ask the chair to acknowledge, from the same shared rule; none until both have loaded. */
function concernsOf(row: HeatmapRow | undefined, taxonomy: Taxonomy | undefined): string[] {
  if (!row || !taxonomy) return [];
  const unscored = taxonomy.dimensions.filter((d) => d.weight > 0 && row.scores[d.key] === undefined).map((d) => d.label);
  return evidenceConcerns({ tier: row.tier, coverage: row.coverage, openSevere: row.openSevere, unscored, minCoverage: minCoverageOf(taxonomy) });
}

interface Props {
  detail: SessionDetail;
  item: AgendaItem;
  mode: DecisionMode;
  dimensions: readonly Dimension[];
  onClose(): void;
  onRecorded(detail: SessionDetail, outcome: Outcome): void;
}

/**
 * The board's decision on one item, in the right-hand drawer: outcome, rationale, the
 * blocking risk of a rejection, votes, conditions, mitigations and risk acceptances — or,
 * for a closed session, an amendment with its reason. The outcome rules live in the API;
 * the form sends what was typed and puts the API's sentence at the control it names.
 * Ctrl+Enter records, Esc closes.
 */
export function DecisionForm({ detail, item, mode, dimensions, onClose, onRecorded }: Props) {
  const { client } = useApi();
  const amending = mode.kind === 'amend';
  // The decision amended: the one the page opened with, or after a reload the one in force then.
  const [target, setTarget] = useState<Decision | null>(mode.kind === 'amend' ? mode.decision : null);
  const key = draftKey(detail.session.id, item.id, mode.kind === 'amend' ? mode.decision.id : null);
  const [restored, setRestored] = useState(() => loadDraft(window.localStorage, key));
  const [state, setState] = useState<DecisionFormState>(() => {
    if (mode.kind === 'amend') return restored?.state ?? initialState(mode.decision.outcome, mode.decision);
    // A kept draft comes back with the outcome just chosen.
    if (restored) return { ...restored.state, outcome: mode.outcome, conditions: mode.outcome === 'approved_with_conditions' && restored.state.conditions.length === 0 ? [{ ...EMPTY_CONDITION }] : restored.state.conditions };
    return initialState(mode.outcome, item.decision);
  });
  // The version of the decision the form was read at, sent back so a save over someone else's is refused.
  const [version, setVersion] = useState(() => restored?.version ?? (mode.kind === 'amend' ? mode.decision.version : (item.decision?.version ?? 0)));
  const [stale, setStale] = useState(false);
  const edited = useRef(false);
  const [error, setError] = useState<ReturnType<typeof placeRefusal> | null>(null);
  const [busy, setBusy] = useState(false);
  const form = useRef<HTMLFormElement>(null);
  const ids = useId();
  const findings = useCall('findings.list', { modelId: item.modelId });
  // The model's coverage, tier and open severe findings now: what an approval must acknowledge.
  const evidence = useCall('heatmap.rows', { modelIds: [item.modelId] });
  const taxonomyOf = useCall('taxonomy.get', {});
  const settings = useCall('settings.get', {});
  const maxMonths = settings.value?.acceptanceMaxMonths ?? DEFAULT_ACCEPTANCE_MAX_MONTHS;
  const update = (patch: Partial<DecisionFormState>) => {
    edited.current = true;
    setState((s) => ({ ...s, ...patch }));
  };

  // Every change is kept until the decision is recorded, so a reload or a closed drawer loses nothing.
  useEffect(() => {
    if (edited.current) saveDraft(window.localStorage, key, { savedAt: new Date().toISOString(), version, state });
  }, [key, version, state]);

  const discardDraft = () => {
    clearDraft(window.localStorage, key);
    edited.current = false;
    setRestored(null);
    setState(mode.kind === 'amend' ? initialState(mode.decision.outcome, mode.decision) : initialState(mode.outcome, item.decision));
    setVersion(mode.kind === 'amend' ? mode.decision.version : (item.decision?.version ?? 0));
  };

  /**
   * After a stale save: the form starts again from the decision as now recorded (for an
   * amendment, the decision now in force), and the draft that was refused is dropped.
   */
  const reload = async () => {
    try {
      const fresh = await client.call('sessions.get', { sessionId: detail.session.id });
      const now = fresh.items.find((i) => i.id === item.id);
      const inForce = now ? (now.amendments[now.amendments.length - 1] ?? now.decision) : null;
      clearDraft(window.localStorage, key);
      edited.current = false;
      setRestored(null);
      setStale(false);
      setError(null);
      if (mode.kind === 'amend') {
        if (inForce) {
          setTarget(inForce);
          setState(initialState(inForce.outcome, inForce));
          setVersion(inForce.version);
        }
      } else {
        setState(initialState(now?.decision?.outcome ?? mode.outcome, now?.decision ?? null));
        setVersion(now?.decision?.version ?? 0);
      }
    } catch (err) {
      setError({ fields: {}, form: asCallError(err).message });
    }
  };

  // Closed, the drawer gives the focus back to the row or key that opened it.
  const drawer = useRef<HTMLElement>(null);
  useDialogFocus(drawer);

  // The rationale is what the chair types first; the outcome is already chosen.
  useEffect(() => {
    document.getElementById(amending ? `${ids}-reason` : `${ids}-rationale`)?.focus();
  }, [amending, ids]);

  // After a refusal, the first control it names takes the focus, so its sentence is read out with it.
  useEffect(() => {
    if (error && Object.keys(error.fields).length > 0) {
      form.current
        ?.querySelector<HTMLElement>('[aria-invalid="true"] input, [aria-invalid="true"] textarea, input[aria-invalid="true"], textarea[aria-invalid="true"], select[aria-invalid="true"]')
        ?.focus();
    }
  }, [error]);

  const recused = recusedIds(item);
  const voters = detail.attendees.filter((a) => a.voting && a.present && !recused.has(a.id)).map((a) => a.id);
  const approval = state.approval ?? initialApproval(detail);
  // The controls that show an error, by the names the API gives their fields.
  const fields = [
    ...['outcome', 'rationale', 'blockingRisk', 'votes', 'reason', 'conditions', 'mitigations', 'acceptances', 'acknowledgement', 'approval'],
    ...voters.map((v) => `vote:${v}`),
    ...rowFields('conditions', state.conditions, CONDITION_FIELDS),
    ...rowFields('mitigations', state.mitigations, MITIGATION_FIELDS),
    ...rowFields('acceptances', state.acceptances, ACCEPTANCE_FIELDS),
  ];
  const today = localDate(new Date());
  const decisionDate = amending && today > detail.session.date ? today : detail.session.date;

  const submit = async () => {
    setBusy(true);
    setError(null);
    const args = target ? amendArgs(target.id, { ...state, approval }, version) : decideArgs(detail.session.id, item.id, state, voters, version);
    try {
      const next = 'decisionId' in args ? await client.call('sessions.amend', args) : await client.call('sessions.decide', args);
      clearDraft(window.localStorage, key);
      onRecorded(next, state.outcome);
    } catch (err) {
      const e = asCallError(err);
      setStale(e.code === 'conflict');
      const local = e.code === 'invalid_argument' ? problemsOf(args, detail, dimensions, decisionDate, new Set((findings.value ?? []).map((f) => f.id)), maxMonths) : [];
      setError(placeRefusal(e.error, local, 'votes' in args ? (args.votes ?? []).map((v) => v.attendeeId) : [], fields));
    } finally {
      setBusy(false);
    }
  };

  const errors = error?.fields ?? {};
  const expiryLimit = acceptanceExpiryLimit(decisionDate, maxMonths);
  const showsBlocking = state.outcome === 'rejected' || state.outcome === 'deferred';
  const approving = state.outcome === 'approved' || state.outcome === 'approved_with_conditions';
  const concerns = concernsOf(evidence.value?.rows[0], evidence.value ? taxonomyOf.value : undefined);

  const onKeyDown = (e: KeyboardEvent) => dialogKeys(e, { close: onClose, submit: () => void submit() });

  const title = amending ? `Amend the decision on ${item.modelName}` : `Decision on ${item.modelName}`;
  return (
    <aside className="drawer decision-drawer" role="dialog" aria-label={title} onKeyDown={onKeyDown} ref={drawer} tabIndex={-1}>
      <div className="drawer-head">
        <h2>{title}</h2>
        <button type="button" onClick={onClose}>
          Close
        </button>
      </div>
      <form
        ref={form}
        className="drawer-body decision-form"
        noValidate
        onSubmit={(e) => {
          e.preventDefault();
          void submit();
        }}
      >
        {restored && (
          <p className="notice" role="status">
            Draft restored from{' '}
            <time dateTime={restored.savedAt} title={restored.savedAt}>
              {formatMoment(restored.savedAt)}
            </time>
            .{' '}
            <button type="button" className="link" onClick={discardDraft}>
              Discard the draft
            </button>
          </p>
        )}
        {amending && (
          <>
            <p className="muted">
              Session {detail.session.number} is closed. An amendment is a new record naming the decision it changes and why; the original ({OUTCOME_WORDS[(target ?? mode.decision).outcome]}) stays
              on the record.
            </p>
            <TextArea id={`${ids}-reason`} label="Reason for the amendment" value={state.reason} onValue={(reason) => update({ reason })} error={errors.reason} rows={2} />
          </>
        )}

        {!stale && mode.kind === 'decide' && (item.decision?.version ?? 0) > version && (
          <p className="notice" role="status">
            A decision on this item was recorded in another window while this form was open.{' '}
            <button type="button" onClick={() => void reload()}>
              Reload the decision
            </button>
          </p>
        )}
        {!amending && item.decision && (
          <p className="notice">The board has a decision on record for this item ({OUTCOME_WORDS[item.decision.outcome]}). Recording again replaces it; the audit log keeps the earlier one.</p>
        )}

        <fieldset className="outcome-choice" aria-invalid={errors.outcome ? true : undefined}>
          <legend>Outcome</legend>
          <div className="segmented outcome-segments">
            {OUTCOME_KEYS.map(({ outcome, key }) => (
              <label key={outcome} className="outcome-option">
                <input
                  type="radio"
                  name={`${ids}-outcome`}
                  checked={state.outcome === outcome}
                  onChange={() => update(outcome === 'approved_with_conditions' && state.conditions.length === 0 ? { outcome, conditions: [{ ...EMPTY_CONDITION }] } : { outcome })}
                />
                {OUTCOME_WORDS[outcome]}
                {!amending && <kbd aria-hidden="true">{key}</kbd>}
              </label>
            ))}
          </div>
          {errors.outcome && (
            <p className="field-error" role="alert">
              {errors.outcome}
            </p>
          )}
        </fieldset>

        <TextArea
          id={`${ids}-rationale`}
          label="Rationale"
          value={state.rationale}
          onValue={(rationale) => update({ rationale })}
          error={errors.rationale}
          hint={state.outcome === 'rejected' ? 'Say which risk blocks the model and why.' : 'Required: why the board decided this.'}
          rows={3}
        />

        {approving && concerns.length > 0 && (
          <div className="field acknowledgement">
            <p className="notice" id={`${ids}-concerns`}>
              Approving this model needs the chair&apos;s acknowledgement:
            </p>
            <ul className="concerns" aria-labelledby={`${ids}-concerns`}>
              {concerns.map((c) => (
                <li key={c}>{c}</li>
              ))}
            </ul>
            <TextArea
              id={`${ids}-acknowledgement`}
              label="Chair's acknowledgement"
              value={state.acknowledgement ?? ''}
              onValue={(acknowledgement) => update({ acknowledgement })}
              error={errors.acknowledgement}
              hint="Required: why the board approves on this evidence. Printed with the decision in the packet."
              rows={2}
            />
          </div>
        )}

        {showsBlocking && (
          <div className={`field${errors.blockingRisk ? ' field-invalid' : ''}`}>
            <label htmlFor={`${ids}-blocking`}>Blocking risk{state.outcome === 'deferred' ? ' (optional)' : ''}</label>
            <select
              id={`${ids}-blocking`}
              value={state.blockingDimension}
              onChange={(e) => update({ blockingDimension: e.target.value })}
              aria-invalid={errors.blockingRisk ? true : undefined}
              aria-describedby={errors.blockingRisk ? `${ids}-blocking-error` : `${ids}-blocking-hint`}
            >
              <option value="">Choose a dimension or a finding…</option>
              <optgroup label="Dimensions of the taxonomy">
                {dimensions.map((d) => (
                  <option key={d.key} value={d.key}>
                    {d.label}
                  </option>
                ))}
              </optgroup>
              {(findings.value ?? []).length > 0 && (
                <optgroup label="Findings of the latest bundle">
                  {(findings.value ?? []).map((f) => (
                    <option key={f.id} value={`${FINDING_PREFIX}${f.id}`}>
                      {f.severity}: {f.message.length > 90 ? `${f.message.slice(0, 89)}…` : f.message}
                    </option>
                  ))}
                </optgroup>
              )}
            </select>
            {errors.blockingRisk ? (
              <p className="field-error" id={`${ids}-blocking-error`}>
                {errors.blockingRisk}
              </p>
            ) : (
              <p className="field-hint" id={`${ids}-blocking-hint`}>
                {state.outcome === 'rejected' ? 'A rejection names the risk it rests on.' : 'A deferral may name the risk the board wants looked at again.'}
              </p>
            )}
          </div>
        )}

        {!amending && (
          <VotesFieldset
            attendees={detail.attendees}
            quorum={item.quorum ?? detail.quorum}
            votes={state.votes}
            errors={errors}
            onVotes={(votes) => update({ votes })}
            outcome={state.outcome}
            recused={recused}
            reasons={state.voteReasons ?? {}}
            dissents={state.dissents ?? {}}
            onReasons={(voteReasons) => update({ voteReasons })}
            onDissents={(dissents) => update({ dissents })}
          />
        )}
        {amending && <ApprovalFieldset attendees={detail.attendees} recused={recused} approval={approval} error={errors.approval} onApproval={(next) => update({ approval: next })} />}

        <RowsFieldset
          legend="Conditions"
          path="conditions"
          noun="Condition"
          rows={state.conditions}
          fields={CONDITION_FIELDS}
          blank={EMPTY_CONDITION}
          errors={errors}
          hint={state.outcome === 'approved_with_conditions' ? '"Approved with conditions" needs at least one condition with its due date.' : undefined}
          onRows={(conditions) => update({ conditions })}
        />
        <RowsFieldset
          legend="Mitigations"
          path="mitigations"
          noun="Mitigation"
          rows={state.mitigations}
          fields={MITIGATION_FIELDS}
          blank={EMPTY_MITIGATION}
          errors={errors}
          onRows={(mitigations) => update({ mitigations })}
        />
        {state.outcome !== 'rejected' && (
          <RowsFieldset
            legend="Risk acceptances"
            path="acceptances"
            noun="Risk acceptance"
            rows={state.acceptances}
            fields={ACCEPTANCE_FIELDS}
            blank={EMPTY_ACCEPTANCE}
            errors={errors}
            hint={`An acceptance runs at most ${maxMonths} months (a cycle setting): until ${formatDay(expiryLimit)} (${expiryLimit}) for this decision.`}
            onRows={(acceptances) => update({ acceptances })}
          />
        )}

        <FormError message={error?.form ?? null} />
        {stale && (
          <p>
            <button type="button" onClick={() => void reload()}>
              Reload the decision
            </button>
          </p>
        )}
        <div className="actions sticky-actions">
          <button type="submit" className="primary" disabled={busy} aria-keyshortcuts="Control+Enter">
            {amending ? 'Record amendment' : 'Record decision'}
          </button>
          <button type="button" onClick={onClose}>
            Cancel
          </button>
          <span className="muted small">
            <kbd>Ctrl</kbd> <kbd>Enter</kbd> records · <kbd>Esc</kbd> closes
          </span>
        </div>
      </form>
    </aside>
  );
}

function TextArea({ id, label, value, onValue, error, hint, rows }: { id: string; label: string; value: string; onValue(v: string): void; error?: string | undefined; hint?: string; rows: number }) {
  const describedBy = error ? `${id}-error` : hint ? `${id}-hint` : undefined;
  return (
    <div className={`field${error ? ' field-invalid' : ''}`}>
      <label htmlFor={id}>{label}</label>
      <textarea id={id} rows={rows} value={value} onChange={(e) => onValue(e.target.value)} aria-invalid={error ? true : undefined} aria-describedby={describedBy} />
      {error ? (
        <p className="field-error" id={`${id}-error`}>
          {error}
        </p>
      ) : (
        hint && (
          <p className="field-hint" id={`${id}-hint`}>
            {hint}
          </p>
        )
      )}
    </div>
  );
}
