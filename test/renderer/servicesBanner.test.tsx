import { act, screen } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { ServicesBanner } from '../../renderer/src/api/ServicesBanner';
import { fakeClient } from './fakeClient';
import { renderWithApi } from './renderWithApi';

describe('the services banner', () => {
  it('says nothing until the services are started again, then says so until dismissed', async () => {
    const client = fakeClient();
    const { user } = renderWithApi(<ServicesBanner />, client);
    expect(screen.queryByRole('alert')).toBeNull();
    const message = "The app's services stopped on an internal error and were started again, and /cycles/q3.mrb is open again.";
    act(() => client.services({ kind: 'restarted', message }));
    expect(screen.getByRole('alert')).toHaveTextContent(message);
    await user.click(screen.getByRole('button', { name: 'Dismiss' }));
    expect(screen.queryByRole('alert')).toBeNull();
  });

  it('shows the newest notice: services that stopped for good say to restart the app', () => {
    const client = fakeClient();
    renderWithApi(<ServicesBanner />, client);
    act(() => client.services({ kind: 'restarted', message: 'Started again.' }));
    act(() => client.services({ kind: 'stopped', message: "The app's services stopped on an internal error 3 times within a minute, so they were not started again. Restart the app." }));
    expect(screen.getByRole('alert')).toHaveTextContent(/not started again\. Restart the app\./);
  });
});
