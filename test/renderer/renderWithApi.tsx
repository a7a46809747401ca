import { render, type RenderResult } from '@testing-library/react';
import userEvent, { type UserEvent } from '@testing-library/user-event';
import type { ReactElement } from 'react';
import { ApiProvider } from '../../renderer/src/api/ApiContext';
import { HistoryProvider, type AuditTarget } from '../../renderer/src/audit/historyLink';
import type { FakeClient } from './fakeClient';

export interface Drawn extends RenderResult {
  user: UserEvent;
  /** The records whose "History" was opened, as the app frame would open the Audit place on them. */
  histories: AuditTarget[];
}

/** Draws a screen as the app does, against the fake client, inside the app frame's history link. */
export function renderWithApi(ui: ReactElement, client: FakeClient): Drawn {
  const histories: AuditTarget[] = [];
  const user = userEvent.setup({ delay: null });
  const result = render(
    <ApiProvider api={{ client, desktop: null, pathForDrop: (file: File) => Promise.resolve(file.name) }}>
      <HistoryProvider value={(target) => histories.push(target)}>{ui}</HistoryProvider>
    </ApiProvider>,
  );
  return { ...result, user, histories };
}
