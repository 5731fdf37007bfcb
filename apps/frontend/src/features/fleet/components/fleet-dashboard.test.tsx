import { afterEach, describe, expect, it, vi } from 'vitest';
import { screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { mockApi, renderWithProviders } from '@/testing/render';
import { makeMachine } from '@/testing/fleet';
import i18n from '@/lib/i18n';
import { AttentionList, QuickCheckFailures } from './fleet-dashboard';

afterEach(async () => {
  vi.unstubAllGlobals();
  await i18n.changeLanguage('en');
});

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

describe('the quick-check failures card', () => {
  // The server sends template items without a label (they are named by key), custom ones with theirs.
  const item = (key: string, status: 'PASSED' | 'FAILED' | 'NA', label = '') => ({ key, label, status, passed: status === 'PASSED', notes: '' });
  const dashboard = {
    machines: 1, overdue: 0, dueSoon: 0, attention: [], attentionCount: 0, quickCheckFailureCount: 1, generatedAt: '2026-12-01T00:00:00Z',
    quickCheckFailures: [
      {
        machine: makeMachine('m1', { name: 'CAT 320' }),
        quickCheck: {
          id: 'q1', machineId: 'm1', authorId: 'op', createdAt: new Date().toISOString(), notes: '', operatingHours: 120, passed: false,
          templateVersion: 1, failedItems: [],
          items: [item('engineOil', 'PASSED'), item('tyres', 'FAILED'), item('lights', 'NA'), item('brakes', 'FAILED'), item('bucket-teeth', 'FAILED', 'Bucket teeth')],
        },
      },
    ],
  };
  const show = () => {
    const api = mockApi(({ url }) => (url.pathname === '/api/v1/dashboard' ? { body: dashboard } : undefined));
    vi.stubGlobal('fetch', vi.fn(api.fetchMock));
    renderWithProviders(<QuickCheckFailures />);
  };

  it('names the failed template items in the reader\'s language, custom ones by their label, and not the N/A ones', async () => {
    show();
    const row = (await screen.findByTestId('quick-check-failures')).querySelector('li')!;
    expect(row).toHaveTextContent(/^CAT 320Tyres or tracks, Brakes, Bucket teeth · /);
    expect(row).not.toHaveTextContent(/Lights/);
  });

  it('in Spanish too', async () => {
    await i18n.changeLanguage('es');
    show();
    const row = (await screen.findByTestId('quick-check-failures')).querySelector('li')!;
    expect(row).toHaveTextContent(/^CAT 320Neumáticos u orugas, Frenos, Bucket teeth · /);
  });
});
