import { screen, waitFor, within } from '@testing-library/react';
import { describe, expect, it, vi } from 'vitest';
import { PersonChooser } from '../../renderer/src/frame/PersonChooser';
import type { Profile } from '../../shared/people/profile';
import type { Person } from '../../shared/people/roster';
import { fakeClient, refuse, type Answers } from './fakeClient';
import { renderWithApi } from './renderWithApi';

const dana: Person = { id: 'p-1', name: 'Dana Ruiz', email: 'd.ruiz@bank.example', organisation: 'Board office', role: 'secretary' };
const ben: Person = { id: 'p-2', name: 'Ben Okafor', email: 'b.okafor@bank.example', organisation: 'Risk ML', role: 'voting_member' };
const nobody: Profile = { email: null, person: null, actor: 'root', osAccount: 'root' };
const asDana: Profile = { email: dana.email, person: dana, actor: 'Dana Ruiz <d.ruiz@bank.example>', osAccount: 'root' };

function drawChooser(answers: Answers) {
  const client = fakeClient({ 'roster.list': [dana, ben], 'profile.get': nobody, ...answers });
  const onRoster = vi.fn();
  return { ...renderWithApi(<PersonChooser onRoster={onRoster} />, client), client, onRoster };
}

describe('who is using the app, in the top bar', () => {
  it('says "not chosen" and who is recorded, and chooses from the roster by e-mail', async () => {
    const { user, client } = drawChooser({ 'profile.choose': asDana });
    const you = await screen.findByRole('button', { name: 'You: not chosen' });
    expect(you).toHaveAttribute('title', 'Changes made here are recorded as root');
    await user.click(you);
    const panel = screen.getByRole('dialog', { name: 'Who is using the app' });
    expect(panel).toHaveTextContent('Changes made here are recorded as root, the computer account');
    const pick = within(panel).getByLabelText('I am');
    expect(pick).toHaveFocus();
    await user.selectOptions(pick, 'Dana Ruiz (Secretary), d.ruiz@bank.example');
    await user.click(within(panel).getByRole('button', { name: 'Choose' }));
    await waitFor(() => expect(screen.queryByRole('dialog')).toBeNull());
    expect(client.argsOf('profile.choose')).toEqual([{ email: 'd.ruiz@bank.example' }]);
    expect(screen.getByRole('button', { name: /^You: ?Dana Ruiz ?· Secretary$/ })).toHaveFocus();
  });

  it('keeps the panel open with the refusal, closes on Escape, and forgets a choice', async () => {
    const sentence = 'd.ruiz@bank.example is not on the roster of Q3; add the person in Settings, Roster first.';
    const { user, client } = drawChooser({ 'profile.get': asDana, 'profile.choose': refuse(sentence, 'email', 'not_found') });
    await user.click(await screen.findByRole('button', { name: /^You: ?Dana Ruiz ?· Secretary$/ }));
    const panel = screen.getByRole('dialog', { name: 'Who is using the app' });
    await user.click(within(panel).getByRole('button', { name: 'Choose' }));
    expect(await within(panel).findByRole('alert')).toHaveTextContent(sentence);
    await user.keyboard('{Escape}');
    expect(screen.queryByRole('dialog')).toBeNull();

    client.answer('profile.choose', nobody);
    await user.click(screen.getByRole('button', { name: /^You:/ }));
    await user.click(within(screen.getByRole('dialog')).getByRole('button', { name: 'Forget the choice' }));
    await screen.findByRole('button', { name: 'You: not chosen' });
    expect(client.argsOf('profile.choose').at(-1)).toEqual({ email: null });
  });

  it('sends an empty roster to Settings, and says when the chosen e-mail is not on this roster', async () => {
    const { user, onRoster } = drawChooser({ 'roster.list': [], 'profile.get': { ...nobody, email: 's.ito@bank.example' } });
    await user.click(await screen.findByRole('button', { name: 'You: s.ito@bank.example, not on this roster' }));
    const panel = screen.getByRole('dialog', { name: 'Who is using the app' });
    expect(panel).toHaveTextContent('recorded as root: s.ito@bank.example is not on the roster of this cycle.');
    expect(panel).toHaveTextContent('Nobody is on the roster of this cycle yet.');
    await user.click(within(panel).getByRole('button', { name: 'Add people to the roster' }));
    expect(onRoster).toHaveBeenCalledOnce();
    expect(screen.queryByRole('dialog')).toBeNull();
  });
});
