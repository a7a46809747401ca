import { act, screen, waitFor, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import type { CallResult, ExportPhase, KnownIdentity } from '../../shared/contract/calls';
import type { SessionSummary } from '../../shared/sessions/session';
import { ApiProvider } from '../../renderer/src/api/ApiContext';
import { HistoryProvider } from '../../renderer/src/audit/historyLink';
import { NoticeProvider } from '../../renderer/src/frame/Notices';
import { Packets } from '../../renderer/src/packets/Packets';
import { fakeClient, refuse, type Refusal } from './fakeClient';
import { cycleInfo, sessionDetail } from './fixtures';
import { renderWithApi } from './renderWithApi';

const closedSession: SessionSummary = {
  ...sessionDetail.session,
  closedAt: '2026-03-02T12:00:00.000Z',
  closedBy: 'dana@bank.example',
  status: 'closed',
  items: 1,
  decided: 1,
  attendees: 3,
  present: 3,
  quorumMet: true,
};

const identity: KnownIdentity = {
  path: '/keys/dana.p12',
  subject: 'CN=Dana Chair',
  name: 'Dana Chair',
  email: 'dana@bank.example',
  organisation: 'Example Bank',
  issuer: 'CN=Board CA',
  notBefore: '2026-01-01T00:00:00.000Z',
  notAfter: '2028-01-01T00:00:00.000Z',
  fingerprint: 'c'.repeat(64),
  fingerprintDisplay: 'CC:CC',
  selfIssuedBy: 'local signing CA',
};

const saved: CallResult<'packets.export'> = {
  id: 'packet-1',
  sessionId: closedSession.id,
  sha256: 'd'.repeat(64),
  bytes: 52_000,
  pages: 7,
  recordSha256: 'e'.repeat(64),
  chainHead: 'f'.repeat(64),
  signerName: 'Dana Chair',
  signerFingerprint: identity.fingerprint,
  signedAt: '2026-03-03T09:00:00.000Z',
  fileName: 'session-1-decision-packet.pdf',
  exportedBy: 'dana@bank.example',
  savedTo: '/cycles/session-1-decision-packet.pdf',
};

const CANCELLED = 'The packet export was cancelled; no file was saved and nothing was recorded.';

/**
 * The Packets place over a service whose export waits until the test ends it, as a real
 * one does while it lays out and signs: `finish` answers the export, `phase` pushes its
 * progress as the service does to every window.
 */
async function exporting() {
  let finish: (answer: CallResult<'packets.export'> | Refusal) => void = () => undefined;
  const client = fakeClient({
    'cycle.info': cycleInfo,
    'sessions.list': [closedSession],
    'identities.list': [identity],
    'packets.list': [],
    'packets.export': () => new Promise((resolve) => (finish = resolve as typeof finish)),
    'packets.cancelExport': (a) => {
      finish(refuse(CANCELLED, undefined, 'cancelled'));
      return { cancelled: a.exportId !== '' };
    },
  });
  const drawn = renderWithApi(<Packets />, client);
  const form = await screen.findByRole('form', { name: 'Export packet' });
  await drawn.user.type(within(form).getByLabelText('Passphrase'), 'board passphrase');
  await drawn.user.click(within(form).getByRole('button', { name: 'Export and sign' }));
  await waitFor(() => expect(client.argsOf('packets.export')).toHaveLength(1));
  const exportId = client.argsOf('packets.export')[0]!.exportId!;
  const phase = (p: ExportPhase, id = exportId) => client.progress({ call: 'packets.export', id, phase: p });
  return { ...drawn, client, form, exportId, phase, finish: (a: CallResult<'packets.export'> | Refusal) => finish(a) };
}

const stepsFinished = () => (screen.getByRole('progressbar', { name: 'Steps of the export finished' }) as HTMLProgressElement).value;

describe('a packet export in the Packets place', () => {
  it('names each phase in words with its step of four as the service reports it, and shows the saved packet at the end', async () => {
    const { phase, finish, exportId } = await exporting();
    expect(exportId).toMatch(/\S/);
    expect(screen.getByText('Starting the export…')).toBeVisible();
    expect(screen.getByRole('button', { name: 'Exporting…' })).toBeDisabled();
    phase('build');
    expect(await screen.findByText('Step 1 of 4: Building the decision record…')).toBeVisible();
    expect(stepsFinished()).toBe(0);
    phase('pages');
    expect(await screen.findByText('Step 2 of 4: Laying out the pages…')).toBeVisible();
    expect(stepsFinished()).toBe(1);
    // Another window's export says nothing here.
    phase('record', 'someone-elses-export');
    phase('sign');
    expect(await screen.findByText('Step 3 of 4: Signing…')).toBeVisible();
    expect(stepsFinished()).toBe(2);
    phase('record');
    expect(await screen.findByText('Step 4 of 4: Recording the packet in the audit log…')).toBeVisible();
    expect(stepsFinished()).toBe(3);
    finish(saved);
    expect(await screen.findByText(/Signed packet session-1-decision-packet\.pdf saved: 7 pages/)).toBeVisible();
    expect(screen.queryByRole('button', { name: 'Cancel export' })).toBeNull();
    expect(screen.queryByText(/Step \d of 4/)).toBeNull();
  });

  it('Cancel asks the service to stop this export, and the place says nothing was saved or recorded', async () => {
    const { user, client, phase, exportId } = await exporting();
    phase('build');
    phase('pages');
    await screen.findByText('Step 2 of 4: Laying out the pages…');
    await user.click(screen.getByRole('button', { name: 'Cancel export' }));
    expect(client.argsOf('packets.cancelExport')).toEqual([{ exportId }]);
    expect(await screen.findByText(CANCELLED)).toBeVisible();
    expect(screen.queryByRole('alert')).toBeNull();
    expect(screen.queryByRole('progressbar', { name: 'Steps of the export finished' })).toBeNull();
    expect(screen.getByRole('button', { name: 'Export and sign' })).toBeEnabled();
  });

  it('leaving the place and coming back shows the export still under way, with its step and Cancel, and then how it ended', async () => {
    const { client, phase, finish, unmount } = await exporting();
    phase('pages');
    await screen.findByText('Step 2 of 4: Laying out the pages…');
    unmount();
    phase('sign');
    const back = renderWithApi(<Packets />, client);
    expect(await screen.findByText('Step 3 of 4: Signing…')).toBeVisible();
    expect(screen.getByRole('button', { name: 'Cancel export' })).toBeEnabled();
    back.unmount();
    finish(saved);
    renderWithApi(<Packets />, client);
    expect(await screen.findByText(/Signed packet session-1-decision-packet\.pdf saved: 7 pages/)).toBeVisible();
    expect(screen.queryByRole('button', { name: 'Cancel export' })).toBeNull();
  });

  it('how the last export ended is not shown once another cycle is opened', async () => {
    const { client, finish } = await exporting();
    finish(saved);
    expect(await screen.findByText(/Signed packet session-1-decision-packet\.pdf saved/)).toBeVisible();
    act(() => client.emit({ entity: 'workspace', ids: ['/cycles/q4.mrb'], seq: null }));
    await waitFor(() => expect(screen.queryByText(/Signed packet session-1-decision-packet\.pdf saved/)).toBeNull());
  });

  it('an export that fails after the analyst left the place says so in a notice that stays', async () => {
    let finish: (answer: Refusal) => void = () => undefined;
    const client = fakeClient({
      'cycle.info': cycleInfo,
      'sessions.list': [closedSession],
      'identities.list': [identity],
      'packets.list': [],
      'packets.export': () => new Promise((resolve) => (finish = resolve as unknown as typeof finish)),
    });
    const { user, rerender } = renderWithApi(
      <NoticeProvider>
        <Packets />
      </NoticeProvider>,
      client,
    );
    const form = await screen.findByRole('form', { name: 'Export packet' });
    await user.type(within(form).getByLabelText('Passphrase'), 'board passphrase');
    await user.click(within(form).getByRole('button', { name: 'Export and sign' }));
    await waitFor(() => expect(client.argsOf('packets.export')).toHaveLength(1));
    // Another place in the same frame: the region of notices stays, the Packets place goes.
    rerender(
      <ApiProvider api={{ client, desktop: null, pathForDrop: (file: File) => Promise.resolve(file.name) }}>
        <HistoryProvider value={() => undefined}>
          <NoticeProvider>
            <p>Another place</p>
          </NoticeProvider>
        </HistoryProvider>
      </ApiProvider>,
    );
    expect(screen.queryByRole('form', { name: 'Export packet' })).toBeNull();
    finish(refuse('The folder /cycles/gone does not exist.', 'out', 'not_found'));
    const notices = screen.getByRole('status', { name: 'Notices' });
    await waitFor(() => expect(notices).toHaveTextContent('The packet export failed: The folder /cycles/gone does not exist. Export it again from Packets.'));
    expect(within(notices).getByRole('button', { name: 'Dismiss notice' })).toBeVisible();
  });

  it('a refusal is placed at its field, and a new export clears it', async () => {
    const { user, form, finish, client } = await exporting();
    finish(refuse('Passphrase: it does not open dana.p12.', 'passphrase'));
    expect(await within(form).findByText('Passphrase: it does not open dana.p12.')).toBeVisible();
    expect(within(form).getByLabelText('Passphrase')).toHaveAttribute('aria-invalid', 'true');
    await user.click(within(form).getByRole('button', { name: 'Export and sign' }));
    await waitFor(() => expect(client.argsOf('packets.export')).toHaveLength(2));
    expect(within(form).queryByText('Passphrase: it does not open dana.p12.')).toBeNull();
    expect(client.argsOf('packets.export')[1]!.exportId).not.toBe(client.argsOf('packets.export')[0]!.exportId);
  });

  it('Escape does not cancel an export under way', async () => {
    const { user, client, phase, finish } = await exporting();
    phase('sign');
    await screen.findByText('Step 3 of 4: Signing…');
    screen.getByRole('button', { name: 'Cancel export' }).focus();
    await user.keyboard('{Escape}');
    expect(client.argsOf('packets.cancelExport')).toEqual([]);
    expect(screen.getByText('Step 3 of 4: Signing…')).toBeVisible();
    finish(saved);
    expect(await screen.findByText(/Signed packet session-1-decision-packet\.pdf saved/)).toBeVisible();
  });
});
