import { screen, waitFor, within } from '@testing-library/react';
import { describe, expect, it, vi } from 'vitest';
import { Attendance } from '../../renderer/src/sessions/Attendance';
import { fakeClient, refuse, type Answers } from './fakeClient';
import { sessionDetail } from './fixtures';
import { renderWithApi } from './renderWithApi';

const withGus = { ...sessionDetail, attendees: [...sessionDetail.attendees, { id: 'a-4', name: 'Gus Audit', role: 'Internal audit', voting: false, present: false }] };

function openAttendance(answers: Answers = {}) {
  const client = fakeClient({ 'roster.list': [], 'sessions.attendees.add': withGus, ...answers });
  const onDetail = vi.fn();
  const drawn = renderWithApi(<Attendance detail={sessionDetail} readOnly={false} onDetail={onDetail} />, client);
  const form = screen.getByRole('form', { name: 'Add attendee' });
  return { ...drawn, client, onDetail, form };
}

describe('adding an attendee', () => {
  it('puts a name already on the list at Name and keeps what was typed', async () => {
    const sentence = 'Name: Dana Chair is already an attendee of this session.';
    const { user, form, onDetail } = openAttendance({ 'sessions.attendees.add': refuse(sentence, 'name', 'already_exists') });
    const name = within(form).getByLabelText('Name');
    await user.type(name, 'Dana Chair');
    await user.type(within(form).getByLabelText('Role'), 'Chair');
    await user.click(within(form).getByRole('button', { name: 'Add attendee' }));
    await waitFor(() => expect(name).toHaveAttribute('aria-invalid', 'true'));
    expect(name).toHaveAccessibleDescription(sentence);
    expect(name).toHaveValue('Dana Chair');
    expect(within(form).getByLabelText('Role')).not.toHaveAttribute('aria-invalid');
    expect(onDetail).not.toHaveBeenCalled();
  });

  it('after an add, empties the form, clears the earlier error and is ready for the next name', async () => {
    const sentence = 'Name: must not be empty.';
    const { user, form, client, onDetail } = openAttendance({ 'sessions.attendees.add': refuse(sentence, 'name') });
    await user.click(within(form).getByRole('button', { name: 'Add attendee' }));
    await within(form).findByText(sentence);
    client.answer('sessions.attendees.add', withGus);
    const name = within(form).getByLabelText('Name');
    await user.type(name, 'Gus Audit');
    await user.type(within(form).getByLabelText('Role'), 'Internal audit');
    await user.click(within(form).getByRole('checkbox', { name: 'Voting member' }));
    await user.click(within(form).getByRole('button', { name: 'Add attendee' }));
    await waitFor(() => expect(onDetail).toHaveBeenCalledWith(withGus));
    expect(client.argsOf('sessions.attendees.add').at(-1)).toEqual({ sessionId: 'session-1', name: 'Gus Audit', role: 'Internal audit', voting: false });
    expect(name).toHaveValue('');
    expect(within(form).getByLabelText('Role')).toHaveValue('');
    expect(within(form).queryByText(sentence)).toBeNull();
    expect(name).toHaveFocus();
  });

  it("takes a person from the cycle's roster with their name, role, vote and e-mail", async () => {
    const { user, form, client } = openAttendance({
      'roster.list': [{ id: 'p-1', name: 'Hana Secretary', email: 'hana@bank.example', organisation: 'Board office', role: 'secretary' }],
    });
    await within(form).findByRole('option', { name: 'Hana Secretary (Secretary)' });
    await user.selectOptions(within(form).getByRole('combobox'), 'Hana Secretary (Secretary)');
    expect(within(form).getByLabelText('Name')).toHaveValue('Hana Secretary');
    expect(within(form).getByLabelText('Role')).toHaveValue('Secretary');
    expect(within(form).getByRole('checkbox', { name: 'Voting member' })).not.toBeChecked();
    await user.click(within(form).getByRole('button', { name: 'Add attendee' }));
    await waitFor(() => expect(client.argsOf('sessions.attendees.add')).toHaveLength(1));
    expect(client.argsOf('sessions.attendees.add')[0]).toEqual({ sessionId: 'session-1', name: 'Hana Secretary', role: 'Secretary', voting: false, email: 'hana@bank.example' });
  });
});
