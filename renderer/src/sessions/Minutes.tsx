import { useState } from 'react';
import { useApi } from '../api/ApiContext';
import { asCallError } from '../api/callError';
import { Loaded } from '../api/Loaded';
import { useCall } from '../api/useCall';
import { downloadBlob, downloadText } from '../format/csv';
import { MarkdownView } from '../models/MarkdownView';
import { Icon } from '../frame/icons';
import { useFileSaved } from '../frame/useFileSaved';

/** The minutes as the API writes them from the session's record, saved as a .md file or as an unsigned PDF in the packet's look. */
export function Minutes({ sessionId, closed }: { sessionId: string; closed: boolean }) {
  const { client } = useApi();
  const minutes = useCall('sessions.minutes', { sessionId });
  const fileSaved = useFileSaved();
  const [pdf, setPdf] = useState<{ state: 'idle' | 'working' } | { state: 'saved'; fileName: string } | { state: 'failed'; message: string }>({ state: 'idle' });

  const exportPdf = async () => {
    setPdf({ state: 'working' });
    try {
      const result = await client.call('sessions.minutesPdf', { sessionId });
      downloadBlob(result.fileName, new Blob([Uint8Array.from(atob(result.pdfBase64), (c) => c.charCodeAt(0))], { type: 'application/pdf' }));
      setPdf({ state: 'saved', fileName: result.fileName });
      fileSaved(result.fileName);
    } catch (err) {
      setPdf({ state: 'failed', message: asCallError(err).message });
    }
  };

  const exportMarkdown = (fileName: string, markdown: string) => {
    downloadText(fileName, markdown, 'text/markdown');
    fileSaved(fileName);
  };

  return (
    <section className="card minutes" aria-labelledby="minutes-heading">
      <div className="section-head">
        <h2 id="minutes-heading">Minutes{closed ? '' : ' (draft)'}</h2>
        <div className="actions no-print">
          <button type="button" disabled={minutes.value === undefined} onClick={() => minutes.value && exportMarkdown(minutes.value.fileName, minutes.value.markdown)}>
            <Icon name="download" />
            Export Markdown
          </button>
          <button type="button" disabled={pdf.state === 'working'} onClick={() => void exportPdf()}>
            <Icon name="download" />
            {pdf.state === 'working' ? 'Building the PDF…' : 'Export PDF'}
          </button>
        </div>
      </div>
      {pdf.state === 'saved' && (
        <p role="status" className="saved-note no-print">
          Minutes exported as {pdf.fileName} (unsigned; the signed record is the decision packet).
        </p>
      )}
      {pdf.state === 'failed' && (
        <p role="alert" className="form-error no-print">
          The PDF was not made: {pdf.message}
        </p>
      )}
      <Loaded state={minutes} what="the minutes">
        {(m) => <MarkdownView text={m.markdown} />}
      </Loaded>
    </section>
  );
}
