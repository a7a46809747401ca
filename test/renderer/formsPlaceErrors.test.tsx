import { screen, waitFor } from '@testing-library/react';
import { describe, expect, it, vi } from 'vitest';
import { NextCycleDialog } from '../../renderer/src/cycles/NextCycleDialog';
import { RaiseFinding } from '../../renderer/src/findings/RaiseFinding';
import { SessionForm } from '../../renderer/src/sessions/SessionForm';
import { StartScreen } from '../../renderer/src/start/StartScreen';
import { fakeClient, refuse, type Answers } from './fakeClient';
import { cycleInfo, model, registerFinding } from './fixtures';
import { renderWithApi } from './renderWithApi';

/**
 * Every form puts the API's sentence at the control it names: the control is marked
 * invalid and its description reads the sentence; no other control is marked.
 */
function expectErrorAt(label: string, sentence: string | RegExp) {
  const control = screen.getByLabelText(label);
  expect(control).toHaveAttribute('aria-invalid', 'true');
  expect(control).toHaveAccessibleDescription(sentence);
  const marked = [...document.querySelectorAll('[aria-invalid="true"]')].map((c) => c.id);
  expect(marked).toEqual([control.id]);
  expect(screen.queryByRole('alert')).toBeNull();
}

describe('the new-session form', () => {
  const draw = (answers: Answers) => {
    const client = fakeClient(answers);
    const onSaved = vi.fn();
    return { ...renderWithApi(<SessionForm onSaved={onSaved} onCancel={() => undefined} />, client), client, onSaved };
  };

  it('puts a refused date at Date and keeps what was typed', async () => {
    const sentence = 'Date: the cycle runs from 2026-01-01 to 2026-06-30; a session of it falls in that period.';
    const { user, onSaved } = draw({ 'sessions.create': refuse(sentence, 'date') });
    await user.type(screen.getByLabelText('Title'), 'Q1 board');
    await user.type(screen.getByLabelText('Chair'), 'Dana Chair');
    await user.clear(screen.getByLabelText('Date'));
    await user.type(screen.getByLabelText('Date'), '2027-01-15');
    await user.click(screen.getByRole('button', { name: 'Create session' }));
    await screen.findByText(sentence);
    expectErrorAt('Date', sentence);
    expect(screen.getByLabelText('Title')).toHaveValue('Q1 board');
    expect(onSaved).not.toHaveBeenCalled();
  });

  it('puts the contract\'s own refusal of an empty chair at Chair', async () => {
    const { user, client } = draw({});
    await user.type(screen.getByLabelText('Title'), 'Q1 board');
    await user.click(screen.getByRole('button', { name: 'Create session' }));
    await waitFor(() => expect(screen.getByLabelText('Chair')).toHaveAttribute('aria-invalid', 'true'));
    expectErrorAt('Chair', /must not be empty/);
    expect(client.argsOf('sessions.create')).toHaveLength(1);
  });

  it('says a quorum that is not a whole number at Quorum, before asking', async () => {
    const { user, client } = draw({});
    await user.type(screen.getByLabelText('Quorum'), '2.5');
    await user.click(screen.getByRole('button', { name: 'Create session' }));
    expectErrorAt('Quorum', /The quorum is a whole number of voting members; leave it empty for a majority\./);
    expect(client.argsOf('sessions.create')).toEqual([]);
  });

  it('says a refusal about no field of the form under the form', async () => {
    const sentence = 'No cycle is open: open or create a cycle first.';
    const { user } = draw({ 'sessions.create': refuse(sentence, undefined, 'no_cycle_open') });
    await user.type(screen.getByLabelText('Title'), 'Q1 board');
    await user.type(screen.getByLabelText('Chair'), 'Dana Chair');
    await user.click(screen.getByRole('button', { name: 'Create session' }));
    expect(await screen.findByRole('alert')).toHaveTextContent(sentence);
    expect(document.querySelectorAll('[aria-invalid="true"]')).toHaveLength(0);
  });
});

describe('the next-cycle dialog', () => {
  const draw = (answers: Answers) => {
    const client = fakeClient(answers);
    const onOpened = vi.fn();
    return { ...renderWithApi(<NextCycleDialog cycle={cycleInfo} onOpened={onOpened} onCancel={() => undefined} />, client), client, onOpened };
  };

  it('puts a file that already exists at File, after naming it .mrb', async () => {
    const sentence = 'File: /home/ana/cycles/2026-h2.mrb already exists; choose another name.';
    const { user, client, onOpened } = draw({ 'cycle.next': refuse(sentence, 'path', 'already_exists') });
    const file = screen.getByLabelText('File');
    await user.clear(file);
    await user.type(file, '/home/ana/cycles/2026-h2');
    await user.click(screen.getByRole('button', { name: 'Start next cycle' }));
    await screen.findByText(sentence);
    expectErrorAt('File', new RegExp(sentence.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&')));
    expect(client.argsOf('cycle.next')[0]?.path).toBe('/home/ana/cycles/2026-h2.mrb');
    expect(onOpened).not.toHaveBeenCalled();
  });

  it('puts a period that ends before it starts at Period end, as the contract refuses it', async () => {
    const { user, client } = draw({});
    const end = screen.getByLabelText('Period end');
    await user.clear(end);
    await user.type(end, '2026-07-01');
    await user.clear(screen.getByLabelText('Period start'));
    await user.type(screen.getByLabelText('Period start'), '2026-12-01');
    await user.click(screen.getByRole('button', { name: 'Start next cycle' }));
    await waitFor(() => expect(end).toHaveAttribute('aria-invalid', 'true'));
    expectErrorAt('Period end', /the period must not end before it starts/);
    expect(client.argsOf('cycle.open')).toEqual([]);
  });
});

describe('the raise-a-finding form', () => {
  const draw = (answers: Answers) => {
    const client = fakeClient({ 'models.list': [model()], ...answers });
    const onDone = vi.fn();
    return { ...renderWithApi(<RaiseFinding onDone={onDone} />, client), client, onDone };
  };

  it('puts a missing model at the Model select, as the contract refuses it', async () => {
    const { user, onDone } = draw({});
    await user.type(screen.getByLabelText('Category'), 'fairness');
    await user.type(screen.getByLabelText('Finding'), 'Approval rates differ by age band.');
    await user.click(screen.getByRole('button', { name: 'Raise finding' }));
    await waitFor(() => expect(screen.getByLabelText('Model')).toHaveAttribute('aria-invalid', 'true'));
    expectErrorAt('Model', /must not be empty/);
    expect(onDone).not.toHaveBeenCalled();
  });

  it('puts a refused due date at Due and raises the finding once it is corrected', async () => {
    const sentence = 'Due: must not be before today.';
    const { user, client, onDone } = draw({ 'findings.raise': refuse(sentence, 'due') });
    await screen.findByRole('option', { name: 'Credit PD' });
    await user.selectOptions(screen.getByLabelText('Model'), 'Credit PD');
    await user.type(screen.getByLabelText('Category'), 'fairness');
    await user.type(screen.getByLabelText('Finding'), 'Approval rates differ by age band.');
    await user.type(screen.getByLabelText('Due'), '2020-01-31');
    await user.click(screen.getByRole('button', { name: 'Raise finding' }));
    await screen.findByText(sentence);
    expectErrorAt('Due', sentence);
    client.answer('findings.raise', (args) => registerFinding({ modelId: args.modelId, type: args.type, severity: args.severity, category: args.category, title: args.title, owner: args.owner, due: args.due }));
    await user.clear(screen.getByLabelText('Due'));
    await user.type(screen.getByLabelText('Due'), '2026-09-30');
    await user.click(screen.getByRole('button', { name: 'Raise finding' }));
    await waitFor(() => expect(onDone).toHaveBeenCalled());
    expect(client.argsOf('findings.raise').at(-1)).toMatchObject({ modelId: 'credit-pd', category: 'fairness', due: '2026-09-30' });
  });
});

describe('the new-cycle form', () => {
  it('puts a refused file at File and a missing name, as the contract refuses it, at Name', async () => {
    const sentence = 'File: the folder /nowhere does not exist.';
    const client = fakeClient({ 'cycle.create': refuse(sentence, 'path', 'workspace_refused') });
    const { user } = renderWithApi(<StartScreen mode="new" onMode={() => undefined} onOpened={() => undefined} onCancel={undefined} />, client);
    await user.type(screen.getByLabelText('File'), '/nowhere/q3');
    await user.click(screen.getByRole('button', { name: 'Create cycle' }));
    await waitFor(() => expect(screen.getByLabelText(/^Name/)).toHaveAttribute('aria-invalid', 'true'));
    expectErrorAt('Name', /must not be empty/);
    await user.type(screen.getByLabelText('Name'), 'Q3 2026 model review');
    await user.click(screen.getByRole('button', { name: 'Create cycle' }));
    await waitFor(() => expect(screen.getByLabelText('File')).toHaveAttribute('aria-invalid', 'true'));
    expectErrorAt('File', /the folder \/nowhere does not exist/);
    expect(client.argsOf('cycle.create').at(-1)).toMatchObject({ path: '/nowhere/q3.mrb', name: 'Q3 2026 model review' });
  });
});
