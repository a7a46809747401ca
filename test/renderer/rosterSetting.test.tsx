import { screen, waitFor, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { RosterSetting } from '../../renderer/src/settings/RosterSetting';
import type { Person } from '../../shared/people/roster';
import { fakeClient, refuse } from './fakeClient';
import { renderWithApi } from './renderWithApi';

const ana: Person = { id: 'p-1', name: 'Ana Khan', email: 'a.khan@bank.exmple', organisation: 'Model Risk', role: 'voting_member' };
const fixed: Person = { ...ana, email: 'a.khan@bank.example', role: 'chair' };

function drawRoster() {
  const client = fakeClient({
    'roster.list': [ana],
    'profile.get': { email: ana.email, person: ana, actor: 'Ana Khan <a.khan@bank.exmple>', osAccount: 'root' },
    'roster.update': refuse('b.lee@bank.example is already on the roster as Bo Lee; an e-mail names one person.', 'email'),
  });
  return { ...renderWithApi(<RosterSetting />, client), client };
}

describe('changing a person on the roster', () => {
  it('puts a refusal at the e-mail, then saves the corrected e-mail and role and closes the form', async () => {
    const { user, client } = drawRoster();
    const table = await screen.findByRole('table', { name: 'Roster' });
    expect(within(table).getByRole('row', { name: /Ana Khan/ })).toHaveTextContent('(you)');
    await user.click(within(table).getByRole('button', { name: 'Change Ana Khan' }));
    const form = screen.getByRole('form', { name: 'Change Ana Khan' });
    const email = within(form).getByLabelText('E-mail');
    expect(email).toHaveValue('a.khan@bank.exmple');
    await user.clear(email);
    await user.type(email, 'b.lee@bank.example');
    await user.click(within(form).getByRole('button', { name: 'Save changes' }));
    await waitFor(() => expect(email).toHaveAttribute('aria-invalid', 'true'));
    expect(email).toHaveAccessibleDescription('b.lee@bank.example is already on the roster as Bo Lee; an e-mail names one person.');

    client.answer('roster.update', [fixed]);
    await user.clear(email);
    await user.type(email, 'a.khan@bank.example');
    await user.selectOptions(within(form).getByLabelText('Role'), 'Chair');
    await user.click(within(form).getByRole('button', { name: 'Save changes' }));
    await waitFor(() => expect(screen.queryByRole('form', { name: 'Change Ana Khan' })).toBeNull());
    expect(client.argsOf('roster.update').at(-1)).toEqual({ id: 'p-1', name: 'Ana Khan', email: 'a.khan@bank.example', organisation: 'Model Risk', role: 'chair' });
    expect(within(table).getByRole('row', { name: /Ana Khan/ })).toHaveTextContent('a.khan@bank.exampleModel RiskChair');
  });

  it('cancels without a call', async () => {
    const { user, client } = drawRoster();
    await user.click(await screen.findByRole('button', { name: 'Change Ana Khan' }));
    await user.click(within(screen.getByRole('form', { name: 'Change Ana Khan' })).getByRole('button', { name: 'Cancel' }));
    expect(screen.queryByRole('form', { name: 'Change Ana Khan' })).toBeNull();
    expect(client.argsOf('roster.update')).toEqual([]);
  });
});
