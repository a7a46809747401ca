import { Loaded } from '../api/Loaded';
import { useCall } from '../api/useCall';
import { downloadText } from '../format/csv';
import { MarkdownView } from '../models/MarkdownView';

/** The minutes as the API writes them from the session's record, and the same text as a .md file. */
export function Minutes({ sessionId, closed }: { sessionId: string; closed: boolean }) {
  const minutes = useCall('sessions.minutes', { sessionId });
  return (
    <section className="card minutes" aria-labelledby="minutes-heading">
      <div className="section-head">
        <h2 id="minutes-heading">Minutes{closed ? '' : ' (draft)'}</h2>
        <button type="button" disabled={minutes.value === undefined} onClick={() => minutes.value && downloadText(minutes.value.fileName, minutes.value.markdown, 'text/markdown')}>
          Export Markdown
        </button>
      </div>
      <Loaded state={minutes} what="the minutes">
        {(m) => <MarkdownView text={m.markdown} />}
      </Loaded>
    </section>
  );
}
