import { screen, waitFor, within } from '@testing-library/react';
import { describe, expect, it, vi } from 'vitest';
import { DEFAULT_DIMENSIONS } from '../../shared/domain/taxonomy';
import type { Outcome } from '../../shared/sessions/session';
import { DecisionForm } from '../../renderer/src/sessions/DecisionForm';
import { fakeClient, refuse, type Answers } from './fakeClient';
import { agendaItem as item, sessionDetail as detail, taxonomy } from './fixtures';
import { renderWithApi } from './renderWithApi';

function backEnd(answers: Answers = {}) {
  return fakeClient({
    'findings.list': [],
    'heatmap.rows': { taxonomyVersion: 1, rows: [] },
    'taxonomy.get': taxonomy,
    'settings.get': { claimTolerance: 0.001, acceptanceMaxMonths: 12, version: 1 },
    'sessions.decide': detail,
    ...answers,
  });
}

/** The decision drawer on Credit PD, opened as the chair opens it with an outcome's key. */
function openForm(client = backEnd(), outcome: Outcome = 'approved') {
  const onClose = vi.fn();
  const onRecorded = vi.fn();
  const drawn = renderWithApi(<DecisionForm detail={detail} item={item} mode={{ kind: 'decide', outcome }} dimensions={DEFAULT_DIMENSIONS} onClose={onClose} onRecorded={onRecorded} />, client);
  return { ...drawn, client, onClose, onRecorded };
}

const rationale = () => screen.getByLabelText('Rationale');
const restoredNotice = () => screen.queryByText(/Draft restored from/);

describe('a half-written decision', () => {
  it('survives closing the drawer: reopened, it comes back with its rationale and votes', async () => {
    const first = openForm();
    await first.user.type(rationale(), 'Within tolerance on every metric.');
    await first.user.click(screen.getByLabelText('Dana Chair: For'));
    await first.user.click(screen.getByRole('button', { name: 'Close' }));
    expect(first.onClose).toHaveBeenCalled();
    first.unmount();

    openForm();
    expect(restoredNotice()).toBeInTheDocument();
    expect(rationale()).toHaveValue('Within tolerance on every metric.');
    expect(screen.getByLabelText('Dana Chair: For')).toBeChecked();
    expect(screen.getByRole('radio', { name: 'Approved' })).toBeChecked();
  });

  it('comes back under the outcome the chair opens it with next', async () => {
    const first = openForm();
    await first.user.type(rationale(), 'Drift is not yet understood.');
    first.unmount();

    openForm(backEnd(), 'deferred');
    expect(rationale()).toHaveValue('Drift is not yet understood.');
    expect(screen.getByRole('radio', { name: 'Deferred' })).toBeChecked();
  });

  it('is gone once discarded, now and on the next opening', async () => {
    const first = openForm();
    await first.user.type(rationale(), 'A first thought.');
    first.unmount();

    const second = openForm();
    await second.user.click(screen.getByRole('button', { name: 'Discard the draft' }));
    expect(rationale()).toHaveValue('');
    expect(restoredNotice()).toBeNull();
    second.unmount();

    openForm();
    expect(restoredNotice()).toBeNull();
    expect(rationale()).toHaveValue('');
  });

  it('is recorded with Ctrl+Enter, with what was typed and the version it was read at, and then no longer kept', async () => {
    const first = openForm();
    await first.user.type(rationale(), 'Within tolerance on every metric.');
    await first.user.click(screen.getByLabelText('Dana Chair: For'));
    await first.user.click(screen.getByLabelText('Eli Risk: For'));
    await first.user.click(screen.getByLabelText('Fay Legal: Abstain'));
    await first.user.click(rationale());
    await first.user.keyboard('{Control>}{Enter}{/Control}');
    await waitFor(() => expect(first.onRecorded).toHaveBeenCalledWith(detail, 'approved'));
    expect(first.client.argsOf('sessions.decide')).toEqual([
      expect.objectContaining({
        sessionId: 'session-1',
        itemId: 'item-1',
        outcome: 'approved',
        rationale: 'Within tolerance on every metric.',
        votes: [
          { attendeeId: 'a-1', vote: 'for' },
          { attendeeId: 'a-2', vote: 'for' },
          { attendeeId: 'a-3', vote: 'abstain' },
        ],
        expectedVersion: 0,
      }),
    ]);
    first.unmount();

    openForm();
    expect(restoredNotice()).toBeNull();
    expect(rationale()).toHaveValue('');
  });

  it('is kept when the board refuses it, with the refusal at the field it names', async () => {
    const sentence = 'Rationale: say why the board approves; it is printed in the packet.';
    const first = openForm(backEnd({ 'sessions.decide': refuse(sentence, 'rationale') }));
    await first.user.type(rationale(), 'ok');
    await first.user.click(screen.getByRole('button', { name: 'Record decision' }));
    await waitFor(() => expect(rationale()).toHaveAttribute('aria-invalid', 'true'));
    expect(rationale()).toHaveAccessibleDescription(sentence);
    expect(rationale()).toHaveFocus();
    first.unmount();

    openForm();
    expect(rationale()).toHaveValue('ok');
  });

  it("puts a refused condition's due date at that condition's Due", async () => {
    const sentence = 'Condition 1, due date: must be after the decision date 2026-03-02.';
    const { user } = openForm(backEnd({ 'sessions.decide': refuse(sentence, 'conditions[0].due') }), 'approved_with_conditions');
    await user.type(rationale(), 'Approved once drift is monitored.');
    const condition = screen.getByRole('group', { name: 'Condition 1' });
    await user.type(within(condition).getByLabelText('Condition'), 'Monitor PSI monthly.');
    await user.type(within(condition).getByLabelText('Due'), '2026-01-31');
    await user.click(screen.getByRole('button', { name: 'Record decision' }));
    const due = within(condition).getByLabelText('Due');
    await waitFor(() => expect(due).toHaveAttribute('aria-invalid', 'true'));
    expect(due).toHaveAccessibleDescription(expect.stringContaining('must be after the decision date 2026-03-02'));
    expect(rationale()).not.toHaveAttribute('aria-invalid');
  });
});
