import { afterEach, describe, expect, it, vi } from 'vitest';
import { act, render, screen } from '@testing-library/react';
import '@/lib/i18n';
import { useStreamStatus } from '@/lib/streamStatus';
import { OutageBanner } from './OutageBanner';

afterEach(() => {
  vi.useRealTimers();
  useStreamStatus.setState({ status: 'open', retryAt: null });
});

describe('OutageBanner', () => {
  it('says the live updates are interrupted, when the next try is, and retries on demand', () => {
    vi.useFakeTimers();
    const retryNow = vi.fn();
    render(<OutageBanner graceMs={1000} />);
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
});
