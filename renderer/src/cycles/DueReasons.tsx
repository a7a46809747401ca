import type { DueModel, DueReason, Urgency } from '../../../shared/cycles/due';
import { formatDay } from '../format/dates';

export const URGENCY_WORDS: Readonly<Record<Urgency, string>> = { overdue: 'Overdue', due: 'Due', soon: 'Soon' };

/** A model's urgency as a word on a quiet flag (never colour alone). */
export function UrgencyFlag({ urgency }: { urgency: Urgency }) {
  return <span className={`flag urgency urgency-${urgency}`}>{URGENCY_WORDS[urgency]}</span>;
}

/** Why a model needs the board, one reason a line, the most urgent first (the service's order). */
export function DueReasons({ reasons, label }: { reasons: readonly DueReason[]; label: string }) {
  return (
    <ul className="due-reasons" aria-label={label}>
      {reasons.map((r, i) => (
        <li key={`${r.kind}-${i}`} className={`due-reason urgency-${r.urgency}`}>
          {r.text}
        </li>
      ))}
    </ul>
  );
}

/** The due list as the Overview and the agenda builder show it: model, urgency, reasons. */
export function DueList({ due, onModel }: { due: readonly DueModel[]; onModel?(modelId: string): void }) {
  return (
    <ol className="due-list" aria-label="Models due">
      {due.map((m) => (
        <li key={m.modelId} className="due-item">
          <div className="due-head">
            {onModel ? (
              <button type="button" className="link" onClick={() => onModel(m.modelId)}>
                {m.modelName}
              </button>
            ) : (
              <strong>{m.modelName}</strong>
            )}
            <UrgencyFlag urgency={m.urgency} />
            {m.nextReview && (
              <span className="muted small">
                next periodic review{' '}
                <time dateTime={m.nextReview} title={m.nextReview}>
                  {formatDay(m.nextReview)}
                </time>
              </span>
            )}
          </div>
          <DueReasons reasons={m.reasons} label={`Why ${m.modelName} is due`} />
        </li>
      ))}
    </ol>
  );
}
