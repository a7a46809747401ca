import { useNotify } from './Notices';

/**
 * Copies a value (a SHA-256, a path) to the clipboard and says so in a notice, since a
 * copy shows nothing on screen by itself. `what` names the value in the notice and the
 * button's accessible name: "Copy the bundle's SHA-256".
 */
export function CopyButton({ value, what }: { value: string; what: string }) {
  const notify = useNotify();
  const copy = () =>
    navigator.clipboard.writeText(value).then(
      () => notify(`Copied ${what}.`),
      (err: unknown) => notify(`Could not copy ${what}: ${err instanceof Error ? err.message : String(err)}`, 'failed'),
    );
  return (
    <button type="button" className="quiet copy-button" onClick={() => void copy()} aria-label={`Copy ${what}`}>
      Copy
    </button>
  );
}
