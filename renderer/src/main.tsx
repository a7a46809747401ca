import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { ApiProvider } from './api/ApiContext';
import { connect } from './api/connect';
import { App } from './App';
import './styles.css';
import './cycles.css';
import './print.css';
import './audit/audit.css';

const root = createRoot(document.getElementById('root') as HTMLElement);
const connection = connect(window);

root.render(
  <StrictMode>
    {connection.kind === 'ready' ? (
      <ApiProvider api={{ client: connection.client, desktop: connection.desktop, pathForDrop: connection.pathForDrop }}>
        <App />
      </ApiProvider>
    ) : (
      <main className="blocked">
        <h1>Model Review Board</h1>
        <p>
          Open the address that <code>mrb serve</code> printed: it carries the access token for this run.
        </p>
      </main>
    )}
  </StrictMode>,
);
