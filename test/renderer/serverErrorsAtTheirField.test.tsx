import { screen, waitFor, within } from '@testing-library/react';
import { describe, expect, it, vi } from 'vitest';
import { EVIDENCE_METRICS } from '../../shared/scoring/evidenceMetrics';
import { DEFAULT_DIMENSIONS } from '../../shared/domain/taxonomy';
import { TaxonomyEditor } from '../../renderer/src/settings/TaxonomyEditor';
import { DecisionForm } from '../../renderer/src/sessions/DecisionForm';
import { fakeClient, refuse, type Answers } from './fakeClient';
import { agendaItem, sessionDetail, taxonomy } from './fixtures';
import { renderWithApi } from './renderWithApi';

/**
 * The taxonomy editor and the decision form place the service's refusal as every other
 * form does (forms/fieldErrors.placeError): at the control it names, in either spelling
 * of a path (`dimensions[1].label` or the argument schema's `dimensions.1.label`), and
 * under the form when no control shows that field.
 */

describe('the taxonomy editor', () => {
  const draw = (answers: Answers) => {
    const client = fakeClient({ 'taxonomy.metrics': EVIDENCE_METRICS.map((m) => ({ ...m })), ...answers });
    const onDone = vi.fn();
    return { ...renderWithApi(<TaxonomyEditor taxonomy={taxonomy} onDone={onDone} />, client), client, onDone };
  };
  const save = () => screen.getByRole('button', { name: 'Save as version 2' });
  const dimension = (n: number) => screen.getByRole('group', { name: `Dimension ${DEFAULT_DIMENSIONS[n - 1]?.label}` });

  it("puts the service's refusal of a dimension's label at that dimension's Label, and nowhere else", async () => {
    const sentence = 'Dimension 2: the label must be at most 80 characters.';
    const { user, onDone } = draw({ 'taxonomy.update': refuse(sentence, 'dimensions.1.label') });
    await user.click(save());
    const label = within(dimension(2)).getByLabelText(/^Label/);
    await waitFor(() => expect(label).toHaveAttribute('aria-invalid', 'true'));
    expect(within(dimension(2)).getByText(sentence)).toBeInTheDocument();
    expect([...document.querySelectorAll('[aria-invalid="true"]')]).toEqual([label]);
    expect(onDone).not.toHaveBeenCalled();
  });

  it('says a refusal about a field it has no control for under the form', async () => {
    const sentence = 'The taxonomy names the framework "iso-9999", which the app does not know.';
    const { user } = draw({ 'taxonomy.update': refuse(sentence, 'frameworks') });
    await user.click(save());
    expect(await screen.findByRole('alert')).toHaveTextContent(sentence);
    expect(document.querySelectorAll('[aria-invalid="true"]')).toHaveLength(0);
  });
});

describe('the decision form', () => {
  const draw = (answers: Answers) => {
    const client = fakeClient({
      'findings.list': [],
      'heatmap.rows': { taxonomyVersion: 1, rows: [] },
      'taxonomy.get': taxonomy,
      'settings.get': { claimTolerance: 0.001, acceptanceMaxMonths: 12, version: 1 },
      ...answers,
    });
    const drawn = renderWithApi(
      <DecisionForm detail={sessionDetail} item={agendaItem} mode={{ kind: 'decide', outcome: 'deferred' }} dimensions={DEFAULT_DIMENSIONS} onClose={vi.fn()} onRecorded={vi.fn()} />,
      client,
    );
    return { ...drawn, client };
  };
  const record = async (user: ReturnType<typeof draw>['user']) => {
    await user.type(screen.getByLabelText('Rationale'), 'Waiting for the Q2 bundle.');
    for (const name of ['Dana Chair', 'Eli Risk', 'Fay Legal']) await user.click(screen.getByLabelText(`${name}: For`));
    await user.click(screen.getByRole('button', { name: 'Record decision' }));
  };

  it("puts the service's refusal of the second vote, in the argument schema's spelling, at that member's row", async () => {
    const sentence = 'Vote 2: Eli Risk declared a conflict on this item and cannot vote.';
    const { user } = draw({ 'sessions.decide': refuse(sentence, 'votes.1.vote') });
    await record(user);
    const eli = screen.getByLabelText('Eli Risk: For');
    await waitFor(() => expect(eli).toHaveAttribute('aria-invalid', 'true'));
    expect(screen.getByRole('row', { name: /Eli Risk/ })).toHaveTextContent(sentence);
    expect(screen.getByLabelText('Dana Chair: For')).not.toHaveAttribute('aria-invalid');
    expect(screen.queryByRole('alert')).toBeNull();
  });

  it('says a refusal about a field it has no control for under the form', async () => {
    const sentence = 'The session was renumbered meanwhile; reload it.';
    const { user } = draw({ 'sessions.decide': refuse(sentence, 'sessionId') });
    await record(user);
    expect(await screen.findByRole('alert')).toHaveTextContent(sentence);
    expect(document.querySelectorAll('[aria-invalid="true"]')).toHaveLength(0);
  });
});
