import { screen, waitFor } from '@testing-library/react';
import { useState } from 'react';
import { describe, expect, it } from 'vitest';
import { DEFAULT_DIMENSIONS } from '../../shared/domain/taxonomy';
import { DecisionForm } from '../../renderer/src/sessions/DecisionForm';
import { fakeClient } from './fakeClient';
import { agendaItem, sessionDetail, taxonomy } from './fixtures';
import { renderWithApi } from './renderWithApi';

/** The agenda row's button that opens the decision drawer, as the chair uses it from the keyboard. */
function Opener() {
  const [open, setOpen] = useState(false);
  return (
    <>
      <button type="button" onClick={() => setOpen(true)}>
        Decide on Credit PD
      </button>
      {open && (
        <DecisionForm detail={sessionDetail} item={agendaItem} mode={{ kind: 'decide', outcome: 'approved' }} dimensions={DEFAULT_DIMENSIONS} onClose={() => setOpen(false)} onRecorded={() => setOpen(false)} />
      )}
    </>
  );
}

describe('the decision drawer', () => {
  const draw = () =>
    renderWithApi(
      <Opener />,
      fakeClient({
        'findings.list': [],
        'heatmap.rows': { taxonomyVersion: 1, rows: [] },
        'taxonomy.get': taxonomy,
        'settings.get': { claimTolerance: 0.001, acceptanceMaxMonths: 12, version: 1 },
      }),
    );

  it('gives the focus back to what opened it when it closes with Esc', async () => {
    const { user } = draw();
    await user.click(screen.getByRole('button', { name: 'Decide on Credit PD' }));
    await waitFor(() => expect(screen.getByLabelText('Rationale')).toHaveFocus());
    await user.keyboard('{Escape}');
    expect(screen.queryByRole('dialog')).toBeNull();
    expect(screen.getByRole('button', { name: 'Decide on Credit PD' })).toHaveFocus();
  });

  it('gives the focus back when it closes with its Close button', async () => {
    const { user } = draw();
    await user.click(screen.getByRole('button', { name: 'Decide on Credit PD' }));
    await user.click(screen.getByRole('button', { name: 'Close' }));
    expect(screen.queryByRole('dialog')).toBeNull();
    expect(screen.getByRole('button', { name: 'Decide on Credit PD' })).toHaveFocus();
  });
});
