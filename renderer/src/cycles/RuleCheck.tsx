interface Props {
  rule: string;
  status: string;
  statusNote: string | null;
  /** The note is shown in a column of its own. */
  noteBeside?: boolean;
  /** The finding a bundle that did not meet the rule raised (its title names the value seen). */
  notMet?: string | undefined;
}

/**
 * A condition's metric rule and what the model's next bundle said about it. A rule met
 * closes the condition with a note naming the bundle and the value seen; one not met
 * leaves it open and raises a high finding; until a bundle comes, it waits.
 */
export function RuleCheck({ rule, status, statusNote, noteBeside = false, notMet }: Props) {
  const met = status === 'done' && statusNote !== null;
  return (
    <span className="rule-check block">
      Rule <code>{rule}</code>
      {met ? (
        <span className="rule-met"> · met{noteBeside ? '' : `: ${statusNote}`}</span>
      ) : notMet !== undefined ? (
        <span className="rule-not-met"> · not met: {notMet}</span>
      ) : (
        <span className="muted"> · checked when the model&apos;s next bundle is imported</span>
      )}
    </span>
  );
}
