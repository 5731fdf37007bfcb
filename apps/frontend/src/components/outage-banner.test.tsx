import { afterEach, describe, expect, it, vi } from 'vitest';
import { act, cleanup, screen } from '@testing-library/react';
import { useQuery } from '@tanstack/react-query';
import { renderWithProviders } from '@/testing/render';
import { useStreamStatus } from '@/lib/stream-status';
import { useApiStatus } from '@/lib/api-status';
import { api } from '@/lib/api-client';
import { OutageBanner } from './outage-banner';

afterEach(() => {
  cleanup();
  vi.useRealTimers();
  vi.unstubAllGlobals();
  useStreamStatus.setState({ status: 'open', retryAt: null });
  useApiStatus.setState({ unreachable: false });
});

function Machines() {
  const q = useQuery({ queryKey: ['probe'], queryFn: () => api.get<{ ok: boolean }>('/probe') });
  return <p>{q.data ? 'loaded' : q.error ? 'failed' : 'loading'}</p>;
}

describe('OutageBanner', () => {
  it('says the live updates are interrupted, when the next try is, and retries on demand', () => {
    vi.useFakeTimers();
    const retryNow = vi.fn();
    renderWithProviders(<OutageBanner graceMs={1000} />);
    act(() => {
      useStreamStatus.getState().setRetryNow(retryNow);
      useStreamStatus.getState().setStatus('reconnecting', Date.now() + 4000);
    });
    expect(screen.queryByTestId('outage-banner')).toBeNull(); // a quick blip does not flash
    act(() => vi.advanceTimersByTime(1000));
    const banner = screen.getByTestId('outage-banner');
    expect(banner).toHaveTextContent('Live updates are interrupted.');
    expect(banner).toHaveTextContent('Retrying in 3 s.');
    act(() => screen.getByRole('button', { name: 'Retry now' }).click());
    expect(retryNow).toHaveBeenCalledTimes(1);
    act(() => useStreamStatus.getState().setStatus('open'));
    expect(screen.queryByTestId('outage-banner')).toBeNull();
  });

  it('shows while the API cannot be reached, counts down, asks again and goes once it answers', async () => {
    vi.useFakeTimers();
    const settle = (ms: number) => act(() => vi.advanceTimersByTimeAsync(ms));
    let up = false;
    const fetchMock = vi.fn(async () => {
      if (!up) throw new TypeError('Failed to fetch');
      return new Response(JSON.stringify({ ok: true }), { status: 200, headers: { 'Content-Type': 'application/json' } });
    });
    vi.stubGlobal('fetch', fetchMock);
    renderWithProviders(
      <>
        <OutageBanner graceMs={0} apiRetryMs={5000} />
        <Machines />
      </>,
    );
    await settle(600);
    expect(screen.getByText('failed')).toBeInTheDocument();
    const banner = screen.getByTestId('outage-banner');
    expect(banner).toHaveTextContent('The server cannot be reached.');
    expect(banner).toHaveTextContent(/Retrying in [45] s\./);
    const calls = fetchMock.mock.calls.length;
    await settle(5000);
    expect(fetchMock.mock.calls.length).toBeGreaterThan(calls); // asked again by itself

    up = true;
    act(() => screen.getByRole('button', { name: 'Retry now' }).click());
    await settle(100);
    expect(screen.getByText('loaded')).toBeInTheDocument();
    expect(screen.queryByTestId('outage-banner')).toBeNull();
  });
});
