import type { ExportPhase } from '../../../shared/contract/calls';

/** A packet export's phases in order, in the analyst's words. */
export const EXPORT_STEPS: readonly { phase: ExportPhase; words: string }[] = [
  { phase: 'build', words: 'Building the decision record' },
  { phase: 'pages', words: 'Laying out the pages' },
  { phase: 'sign', words: 'Signing' },
  { phase: 'record', words: 'Recording the packet in the audit log' },
];

/**
 * Where an export has got to: its step of four in words, a bar of the steps finished, and
 * Cancel. Only the button cancels: Escape is left alone, so that a key pressed to close
 * something else never throws away a signing under way.
 */
export function ExportProgress({ phase, cancelling, onCancel }: { phase: ExportPhase | null; cancelling: boolean; onCancel(): void }) {
  const index = EXPORT_STEPS.findIndex((s) => s.phase === phase);
  const step = index >= 0 ? EXPORT_STEPS[index] : undefined;
  return (
    <div className="export-progress">
      <div className="export-progress-head">
        <span role="status" className="export-progress-step">
          {cancelling ? 'Cancelling the export…' : step ? `Step ${index + 1} of ${EXPORT_STEPS.length}: ${step.words}…` : 'Starting the export…'}
        </span>
        <button type="button" onClick={onCancel} disabled={cancelling}>
          Cancel export
        </button>
      </div>
      {/* The steps finished: a step's own length is not known, so the bar moves as each one ends. */}
      <progress aria-label="Steps of the export finished" max={EXPORT_STEPS.length} value={Math.max(0, index)} />
    </div>
  );
}
