import { act, screen } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { Presenter } from '../../renderer/src/presenter/Presenter';
import type { SessionSummary } from '../../shared/sessions/session';
import { fakeClient } from './fakeClient';
import { cycleInfo, heatmapRow, sessionDetail, taxonomy } from './fixtures';
import { renderWithApi } from './renderWithApi';

/** The open session, Credit PD under discussion, as the projector follows it. */
const summary: SessionSummary = {
  ...sessionDetail.session,
  status: 'open',
  items: 1,
  decided: 0,
  attendees: 3,
  present: 3,
  quorumMet: true,
};

function projector() {
  const client = fakeClient({
    'cycle.info': cycleInfo,
    'sessions.list': [summary],
    'sessions.get': sessionDetail,
    'heatmap.rows': { taxonomyVersion: 1, rows: [heatmapRow()] },
    'taxonomy.get': taxonomy,
  });
  return { client, ...renderWithApi(<Presenter />, client) };
}

describe('the presenter and the services banner', () => {
  it('says over the item on screen that the services were started again, until dismissed', async () => {
    const { client, user } = projector();
    expect(await screen.findByRole('heading', { name: 'Credit PD' })).toBeInTheDocument();
    expect(screen.queryByRole('alert')).toBeNull();
    const message = "The app's services stopped on an internal error and were started again, and /home/ana/cycles/2026-h1.mrb is open again.";
    act(() => client.services({ kind: 'restarted', message }));
    expect(screen.getByRole('alert')).toHaveTextContent(message);
    // The item stays on screen under it.
    expect(screen.getByRole('heading', { name: 'Credit PD' })).toBeInTheDocument();
    await user.click(screen.getByRole('button', { name: 'Dismiss' }));
    expect(screen.queryByRole('alert')).toBeNull();
  });

  it('says that the services stopped for good while it waits for the chair', async () => {
    const client = fakeClient({ 'cycle.info': null });
    renderWithApi(<Presenter />, client);
    expect(await screen.findByRole('heading', { name: 'Waiting for the chair' })).toBeInTheDocument();
    act(() => client.services({ kind: 'stopped', message: "The app's services stopped on an internal error 3 times within a minute, so they were not started again. Restart the app." }));
    expect(screen.getByRole('alert')).toHaveTextContent(/not started again\. Restart the app\./);
  });
});
