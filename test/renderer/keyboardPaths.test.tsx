import { screen, waitFor, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { App } from '../../renderer/src/App';
import type { SessionSummary } from '../../shared/sessions/session';
import { fakeClient } from './fakeClient';
import { auditEvent, auditLog, cycleInfo, model, registerFinding } from './fixtures';
import { renderWithApi } from './renderWithApi';

const session: SessionSummary = {
  id: 'session-1',
  number: 1,
  title: 'Q1 board',
  date: '2026-03-02',
  location: 'Room 4.12',
  chair: 'Dana Chair',
  quorum: null,
  currentItemId: null,
  attendanceTakenAt: null,
  createdAt: '2026-02-20T09:00:00.000Z',
  createdBy: 'ana@bank.example',
  closedAt: null,
  closedBy: null,
  status: 'open',
  items: 2,
  decided: 0,
  attendees: 3,
  present: 0,
  quorumMet: false,
};

/**
 * The whole app on a cycle, opened at the Audit place. Only what the palette and the Audit
 * place read is answered; other places show their own "could not load" sentence.
 */
function openApp() {
  window.location.hash = '#/audit';
  const client = fakeClient({
    'cycle.info': cycleInfo,
    'audit.events': auditLog([auditEvent(1)]),
    'models.list': [model(), model({ id: 'card-fraud', name: 'Credit card fraud' })],
    'sessions.list': [session],
    'findings.register': [registerFinding({ title: 'Income drift above the act line' })],
  });
  const drawn = renderWithApi(<App />, client);
  return { ...drawn, client };
}

const palette = () => screen.getByRole('dialog', { name: 'Command palette' });
const openPalette = async (user: ReturnType<typeof openApp>['user']) => {
  await screen.findByRole('heading', { name: 'Audit', level: 1 });
  await user.keyboard('{Control>}k{/Control}');
  return palette();
};
const activeOption = () => within(palette()).getAllByRole('option').find((o) => o.getAttribute('aria-selected') === 'true');
const railPlace = () => within(screen.getByRole('navigation', { name: 'Places' })).getAllByRole('button').find((b) => b.getAttribute('aria-current') === 'page');

describe('the command palette, from the keyboard', () => {
  it('opens on Ctrl+K with the typing in its field, and Esc closes it where the user was', async () => {
    const { user } = openApp();
    await openPalette(user);
    expect(screen.getByRole('combobox', { name: 'Command' })).toHaveFocus();
    await user.keyboard('{Escape}');
    expect(screen.queryByRole('dialog', { name: 'Command palette' })).toBeNull();
    expect(window.location.hash).toBe('#/audit');
  });

  it('goes to a place typed by name with Enter, and the address and the rail follow', async () => {
    const { user } = openApp();
    await openPalette(user);
    await user.keyboard('regis');
    expect(activeOption()).toHaveTextContent('Go to Registers');
    await user.keyboard('{Enter}');
    await waitFor(() => expect(window.location.hash).toBe('#/registers'));
    expect(screen.queryByRole('dialog', { name: 'Command palette' })).toBeNull();
    await waitFor(() => expect(railPlace()).toHaveTextContent('Registers'));
  });

  it('finds models by name, moves with the arrows and opens the one chosen', async () => {
    const { user } = openApp();
    await openPalette(user);
    await user.keyboard('credit');
    await within(palette()).findByRole('option', { name: 'Model: Credit card fraud' });
    expect(within(palette()).getAllByRole('option').map((o) => o.textContent)).toEqual(['Model: Credit PD', 'Model: Credit card fraud']);
    expect(activeOption()).toHaveTextContent('Model: Credit PD');
    await user.keyboard('{ArrowDown}');
    expect(activeOption()).toHaveTextContent('Model: Credit card fraud');
    expect(screen.getByRole('combobox', { name: 'Command' })).toHaveAttribute('aria-activedescendant', activeOption()!.id);
    await user.keyboard('{ArrowDown}{ArrowUp}{ArrowDown}{Enter}');
    await waitFor(() => expect(window.location.hash).toBe('#/models/card-fraud'));
  });

  it('finds a session by its title and a finding by its words', async () => {
    const { user } = openApp();
    await openPalette(user);
    await user.keyboard('Q1');
    expect(await within(palette()).findByRole('option', { name: 'Session 1: Q1 board' })).toBeInTheDocument();
    await user.keyboard('{Enter}');
    await waitFor(() => expect(window.location.hash).toBe('#/sessions/session-1'));
    await user.keyboard('{Control>}k{/Control}');
    await user.keyboard('income drift');
    expect(await within(palette()).findByRole('option', { name: 'Finding: Income drift above the act line (Credit PD)' })).toBeInTheDocument();
  });

  it('says when nothing matches', async () => {
    const { user } = openApp();
    await openPalette(user);
    await user.keyboard('zzz');
    expect(within(palette()).getByText('No command matches “zzz”.')).toBeInTheDocument();
    await user.keyboard('{Enter}');
    expect(palette()).toBeInTheDocument();
    expect(window.location.hash).toBe('#/audit');
  });

  it("opens a place's help, and F1 opens the help of the place on screen", async () => {
    const { user } = openApp();
    await openPalette(user);
    await user.keyboard('help: heat{Enter}');
    expect(await screen.findByRole('dialog', { name: 'Help: Heatmap' })).toBeInTheDocument();
    expect(screen.getByRole('dialog', { name: 'Help: Heatmap' })).toContainElement(document.activeElement as HTMLElement);
    await user.keyboard('{Escape}');
    expect(screen.queryByRole('dialog', { name: 'Help: Heatmap' })).toBeNull();
    await user.keyboard('{F1}');
    expect(await screen.findByRole('dialog', { name: 'Help: Audit' })).toBeInTheDocument();
  });
});
