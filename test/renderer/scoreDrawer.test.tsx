import { screen, waitFor } from '@testing-library/react';
import { describe, expect, it, vi } from 'vitest';
import type { HeatmapRow } from '../../shared/contract/calls';
import { ScoreDrawer } from '../../renderer/src/heatmap/ScoreDrawer';
import { fakeClient, refuse, type Answers } from './fakeClient';
import { bundle, drift, heatmapRow, proposal, proposals, score, SHA_A, SHA_B, taxonomy } from './fixtures';
import { renderWithApi } from './renderWithApi';

/** The drawer on the Credit PD × Performance & drift cell, against a back end that knows the model. */
function openDrawer(answers: Answers = {}, row: HeatmapRow = heatmapRow()) {
  const client = fakeClient({
    'scores.proposals': proposals(),
    'bundles.list': [],
    'findings.list': [],
    'taxonomy.get': taxonomy,
    'scores.prior': [],
    'scores.set': (args) => score(args.dimension, args.value, { lo: args.lo ?? args.value, hi: args.hi ?? args.value, rationale: args.rationale }),
    ...answers,
  });
  const onClose = vi.fn();
  const drawn = renderWithApi(<ScoreDrawer row={row} dimension={drift} palette="standard" onClose={onClose} />, client);
  return { ...drawn, client, onClose };
}

const radio = (v: number) => screen.getByRole('radio', { name: String(v) });
const checkedScores = () => screen.getAllByRole('radio').filter((r) => (r as HTMLInputElement).checked).map((r) => (r as HTMLInputElement).value);
const rationale = () => screen.getByLabelText(/^Rationale/);
const saveKeys = '{Control>}{Enter}{/Control}';
/** The drawer has heard back from the rule proposals (it shows the evidence section's sentence or button). */
const proposalsShown = () => screen.findByRole('heading', { name: 'Evidence' }).then(() => waitFor(() => expect(screen.queryByText('Loading the rule proposals…')).toBeNull()));

describe('the score drawer on an unscored cell', () => {
  it('opens with no score chosen and says so', async () => {
    openDrawer();
    await proposalsShown();
    expect(checkedScores()).toEqual([]);
    expect(screen.getByText('Score (keys 1 to 5): none chosen yet')).toBeInTheDocument();
    expect(screen.getByText('Not scored yet.')).toBeInTheDocument();
  });

  it('refuses Ctrl+Enter before a score is chosen, at the score, and asks the back end nothing', async () => {
    const { user, client, onClose } = openDrawer();
    await proposalsShown();
    await user.keyboard(saveKeys);
    expect(await screen.findByText('Choose a score from 1 to 5 first (keys 1 to 5).')).toBeInTheDocument();
    expect(screen.getByRole('group', { name: /Score \(keys 1 to 5\)/ })).toHaveAccessibleDescription('Choose a score from 1 to 5 first (keys 1 to 5).');
    expect(client.argsOf('scores.set')).toEqual([]);
    expect(onClose).not.toHaveBeenCalled();
  });

  it('takes keys 1 to 5 as the score, the last key pressed winning', async () => {
    const { user } = openDrawer();
    await proposalsShown();
    await user.keyboard('4');
    expect(checkedScores()).toEqual(['4']);
    expect(screen.getByLabelText('Band low')).toHaveValue('4');
    await user.keyboard('2');
    expect(checkedScores()).toEqual(['2']);
    expect(screen.getByLabelText('Band high')).toHaveValue('2');
  });

  it('leaves digits typed in the rationale in the text, not in the score', async () => {
    const { user } = openDrawer();
    await proposalsShown();
    await user.keyboard('3');
    await user.click(rationale());
    await user.keyboard('PSI 5 times the act line');
    expect(rationale()).toHaveValue('PSI 5 times the act line');
    expect(checkedScores()).toEqual(['3']);
  });

  it('saves with Ctrl+Enter the score chosen, its band and the rationale, and closes', async () => {
    const { user, client, onClose } = openDrawer();
    await proposalsShown();
    await user.keyboard('4');
    await user.click(rationale());
    await user.keyboard('Input population moved after the product launch.');
    await user.keyboard(saveKeys);
    await waitFor(() => expect(onClose).toHaveBeenCalledTimes(1));
    expect(client.argsOf('scores.set')).toEqual([
      { modelId: 'credit-pd', dimension: 'performance_drift', value: 4, lo: 4, hi: 4, rationale: 'Input population moved after the product launch.' },
    ]);
  });

  it('closes on Esc without saving', async () => {
    const { user, client, onClose } = openDrawer();
    await proposalsShown();
    await user.keyboard('5{Escape}');
    expect(onClose).toHaveBeenCalledTimes(1);
    expect(client.argsOf('scores.set')).toEqual([]);
  });
});

describe('the score drawer places what the back end refuses', () => {
  it('puts a refused rationale under the rationale, marks it and keeps the drawer open', async () => {
    const sentence = 'Rationale: a score other than the rule proposal needs a rationale.';
    const { user, onClose } = openDrawer({ 'scores.set': refuse(sentence, 'rationale') });
    await proposalsShown();
    await user.keyboard(`3${saveKeys}`);
    const error = await screen.findByText(sentence);
    expect(rationale()).toHaveAttribute('aria-invalid', 'true');
    expect(rationale()).toHaveAccessibleDescription(sentence);
    expect(error.closest('.field')).toContainElement(rationale());
    expect(onClose).not.toHaveBeenCalled();
  });

  it('puts a refused band at Band low', async () => {
    const sentence = 'Band low: must not be above the score.';
    const { user } = openDrawer({ 'scores.set': refuse(sentence, 'lo') });
    await proposalsShown();
    await user.keyboard('2');
    const low = screen.getByLabelText('Band low');
    await user.clear(low);
    await user.type(low, '4');
    await user.keyboard(saveKeys);
    const error = await screen.findByText(sentence);
    expect(low).toHaveAttribute('aria-invalid', 'true');
    expect(error.closest('.field')).toContainElement(low);
    expect(screen.getByLabelText('Band high')).not.toHaveAttribute('aria-invalid');
  });

  it('puts a refused finding at the Finding select', async () => {
    const sentence = 'Finding: finding 7 is not a finding of this model.';
    const { user } = openDrawer({
      'findings.list': [{ id: 7, severity: 'high', category: 'drift', message: 'PSI of income is 0.31', bundleSha256: SHA_A }],
      'scores.set': refuse(sentence, 'evidence.findingId'),
    });
    await proposalsShown();
    const finding = await screen.findByLabelText('Finding');
    await user.selectOptions(finding, 'high: PSI of income is 0.31');
    await user.keyboard(`3${saveKeys}`);
    const error = await screen.findByText(sentence);
    expect(error.closest('.field')).toContainElement(finding);
  });

  it('says a refusal that names no field of the form under the form', async () => {
    const sentence = 'Another window changed this score since you opened it; close the drawer and open it again.';
    const { user } = openDrawer({ 'scores.set': refuse(sentence, undefined, 'conflict') });
    await proposalsShown();
    await user.keyboard(`3${saveKeys}`);
    expect(await screen.findByRole('alert')).toHaveTextContent(sentence);
    expect(rationale()).not.toHaveAttribute('aria-invalid');
  });
});

describe('the score drawer with a rule proposal', () => {
  const withProposal = (answers: Answers = {}) =>
    openDrawer({
      'scores.proposals': proposals({ performance_drift: proposal(5) }),
      'scores.acceptProposals': (args) => ({ accepted: (args.dimensions ?? ['performance_drift']).map((d) => score(d, 5, { source: 'rule', evidence: { bundleSha256: SHA_A, metric: 'drift.psi_max', observed: 0.31, rule: 'drift.psi_max >= 0.25 -> 5' } })), kept: [] }),
      ...answers,
    });

  it('starts an unscored cell on the proposal', async () => {
    withProposal();
    await screen.findByRole('button', { name: 'Accept this proposal' });
    await waitFor(() => expect(checkedScores()).toEqual(['5']));
    expect(screen.getByText(/proposes/)).toHaveTextContent('The rule drift.psi_max >= 0.25 -> 5 proposes 5: drift.psi_max = 0.31 in bundle aaaaaaaaaaaa.');
  });

  it('asks for a rationale when the analyst moves away from the proposal', async () => {
    const { user } = withProposal();
    await screen.findByRole('button', { name: 'Accept this proposal' });
    expect(rationale()).toHaveAccessibleName('Rationale');
    await user.keyboard('2');
    expect(rationale()).toHaveAccessibleName('Rationale (required: this overrides the rule)');
  });

  it('accepts this cell alone and puts the focus on the accepted score', async () => {
    const { user, client } = withProposal();
    const accept = await screen.findByRole('button', { name: 'Accept this proposal' });
    await user.keyboard('2');
    await user.click(accept);
    expect(await screen.findByRole('status')).toHaveTextContent("Accepted the rule's 5 for Performance & drift.");
    expect(client.argsOf('scores.acceptProposals')).toEqual([{ modelId: 'credit-pd', dimensions: ['performance_drift'] }]);
    expect(checkedScores()).toEqual(['5']);
    await waitFor(() => expect(radio(5)).toHaveFocus());
  });

  it("accepts all of the model's proposals, saying which it set and which analyst scores it kept", async () => {
    const { user, client } = withProposal({
      'scores.proposals': proposals({ performance_drift: proposal(5), data_quality: proposal(2, { metric: 'quality.missing_rate', rule: 'quality.missing_rate >= 0.05 -> 2' }) }),
      'scores.acceptProposals': { accepted: [score('performance_drift', 5, { source: 'rule' })], kept: [{ dimension: 'data_quality', reason: 'An analyst scored it.' }] },
    });
    await user.click(await screen.findByRole('button', { name: 'Accept all rule proposals for this model (Performance & drift → 5, Data quality & integrity → 2)' }));
    expect(await screen.findByRole('status')).toHaveTextContent('Accepted 1 rule score: Performance & drift 5. Kept your scores on: Data quality & integrity.');
    expect(client.argsOf('scores.acceptProposals')).toEqual([{ modelId: 'credit-pd' }]);
  });

  it('clears the error of a refused save once the proposal is accepted', async () => {
    const sentence = 'Rationale: a score other than the rule proposal needs a rationale.';
    const { user } = withProposal({ 'scores.set': refuse(sentence, 'rationale') });
    const accept = await screen.findByRole('button', { name: 'Accept this proposal' });
    await user.keyboard(`2${saveKeys}`);
    await screen.findByText(sentence);
    await user.click(accept);
    await screen.findByRole('status');
    expect(screen.queryByText(sentence)).toBeNull();
    expect(rationale()).not.toHaveAttribute('aria-invalid');
  });
});

describe('the score drawer and the evidence a score rests on', () => {
  it("links a model's only bundle without asking", async () => {
    const { user, client, onClose } = openDrawer({ 'bundles.list': [bundle(SHA_A, '3.1.0')] });
    await proposalsShown();
    await waitFor(() => expect(screen.getByLabelText('Evidence')).toHaveValue(SHA_A));
    await user.keyboard(`3${saveKeys}`);
    await waitFor(() => expect(onClose).toHaveBeenCalled());
    expect(client.argsOf('scores.set')[0]?.evidence).toEqual({ bundleSha256: SHA_A });
  });

  it('asks which bundle when the model has more than one, and saves the one chosen', async () => {
    const { user, client, onClose } = openDrawer({ 'bundles.list': [bundle(SHA_B, '3.2.0'), bundle(SHA_A, '3.1.0')] });
    await proposalsShown();
    await waitFor(() => expect(screen.getByLabelText('Evidence')).toHaveDisplayValue('Choose a bundle…'));
    await user.keyboard(`3${saveKeys}`);
    expect(await screen.findByText(/Choose the bundle this score rests on: 2 bundles of this model are imported/)).toBeInTheDocument();
    expect(screen.getByLabelText('Evidence')).toHaveAttribute('aria-invalid', 'true');
    expect(client.argsOf('scores.set')).toEqual([]);
    await user.selectOptions(screen.getByLabelText('Evidence'), SHA_B);
    await user.keyboard(saveKeys);
    await waitFor(() => expect(onClose).toHaveBeenCalled());
    expect(client.argsOf('scores.set')[0]?.evidence).toEqual({ bundleSha256: SHA_B });
  });
});

describe('the score drawer on a scored cell', () => {
  const scored = heatmapRow({
    performance_drift: score('performance_drift', 4, { lo: 3, hi: 5, rationale: 'Drift on income and tenure.', evidence: { bundleSha256: SHA_A, metric: null, observed: null, rule: null } }),
  });

  it('opens on the score as saved: value, band, rationale and who scored it', async () => {
    openDrawer({ 'bundles.list': [bundle(SHA_A, '3.1.0'), bundle(SHA_B, '3.2.0')] }, scored);
    await proposalsShown();
    expect(checkedScores()).toEqual(['4']);
    expect(screen.getByLabelText('Band low')).toHaveValue('3');
    expect(screen.getByLabelText('Band high')).toHaveValue('5');
    expect(rationale()).toHaveValue('Drift on income and tenure.');
    expect(screen.getByText('(band 3 to 5)', { exact: false })).toHaveTextContent('analyst · ana@bank.example');
    // The bundle it rests on stays chosen although the model has two.
    expect(screen.getByLabelText('Evidence')).toHaveValue(SHA_A);
  });

  it("opens the score's history in the Audit place", async () => {
    const { user, histories } = openDrawer({}, scored);
    await user.click(screen.getByRole('button', { name: 'History of Credit PD · Performance & drift' }));
    expect(histories).toEqual([{ entity: 'score', entityId: 'credit-pd/performance_drift', label: 'Credit PD · Performance & drift' }]);
  });

  it("shows last cycle's score under its own heading, never as the value", async () => {
    openDrawer(
      { 'scores.prior': [{ ...score('performance_drift', 2, { rationale: 'Stable last half-year.' }), cycleId: 'cycle-2025-h2', cycleName: '2025 H2' }] },
      heatmapRow(),
    );
    expect(await screen.findByRole('heading', { name: 'Last cycle (2025 H2)' })).toBeInTheDocument();
    expect(screen.getByText('Stable last half-year.')).toBeInTheDocument();
    expect(checkedScores()).toEqual([]);
  });
});
