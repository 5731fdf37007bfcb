import { afterEach, describe, expect, it, vi } from 'vitest';
import { screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { mockApi, renderWithProviders } from '@/testing/render';
import { AttentionList, QuickCheckFailures } from './fleet-dashboard';

afterEach(() => vi.unstubAllGlobals());

describe('dashboard lists whose data failed to load', () => {
  it('say so with a retry button instead of "nothing here", and load on retry', async () => {
    let down = true;
    const api = mockApi(({ url }) => {
      if (url.pathname !== '/api/v1/dashboard') return undefined;
      if (down) return { status: 503, body: { error: { code: 'UNAVAILABLE', message: 'store unavailable' } } };
      return {
        body: { machines: 0, overdue: 0, dueSoon: 0, attention: [], attentionCount: 0, quickCheckFailures: [], quickCheckFailureCount: 0, generatedAt: '2026-12-01T00:00:00Z' },
      };
    });
    vi.stubGlobal('fetch', vi.fn(api.fetchMock));
    const user = userEvent.setup();
    renderWithProviders(
      <>
        <AttentionList />
        <QuickCheckFailures />
      </>,
    );
    const retries = await screen.findAllByRole('button', { name: 'Try again' });
    expect(retries).toHaveLength(2);
    expect(screen.queryByText('Every machine is on schedule.')).not.toBeInTheDocument();
    down = false;
    await user.click(retries[0]!);
    expect(await screen.findByText('No open quick-check failures.')).toBeInTheDocument();
    expect(screen.queryByRole('button', { name: 'Try again' })).not.toBeInTheDocument();
  });
});
