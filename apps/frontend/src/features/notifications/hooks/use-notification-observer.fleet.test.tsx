import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { act, renderHook } from '@testing-library/react';
import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import type { ReactNode } from 'react';
import '@/lib/i18n';
import { SSEClient } from '@/services/sse-client';
import { FakeEventSource, fakeEventSourceFactory } from '@/testing/fake-event-source';
import { queryKeys } from '@/lib/query-keys';
import type { ImportJob } from '@/lib/types';
import { STREAM_EVENTS, STREAM_URL, useNotificationObserver } from './use-notification-observer';

function setup() {
  const queryClient = new QueryClient({ defaultOptions: { queries: { retry: false } } });
  const createClient = () =>
    new SSEClient({ url: STREAM_URL, events: STREAM_EVENTS, createEventSource: fakeEventSourceFactory, coordination: false });
  const wrapper = ({ children }: { children: ReactNode }) => <QueryClientProvider client={queryClient}>{children}</QueryClientProvider>;
  renderHook(() => useNotificationObserver({ enabled: true, createClient }), { wrapper });
  const es = FakeEventSource.latest;
  act(() => es.open());
  return { queryClient, es };
}

const job = (extra: Partial<ImportJob> = {}): ImportJob => ({
  id: 'j1',
  fileName: 'fleet.csv',
  onDuplicate: 'skip',
  status: 'RUNNING',
  total: 2000,
  processed: 0,
  created: 0,
  updated: 0,
  skipped: 0,
  failed: 0,
  errors: [],
  reason: null,
  createdAt: '2026-12-01T10:00:00Z',
  startedAt: null,
  finishedAt: null,
  ...extra,
});

beforeEach(() => {
  FakeEventSource.reset();
  vi.stubGlobal('fetch', vi.fn(async () => new Response('{}', { status: 200 })));
});
afterEach(() => vi.unstubAllGlobals());

describe('fleet and import stream events', () => {
  it('fleet.changed invalidates the dashboard, the machine list and the named machines only', () => {
    const { queryClient, es } = setup();
    for (const key of [queryKeys.fleet.dashboard, queryKeys.fleet.machines, queryKeys.fleet.plans('m1'), queryKeys.fleet.plans('m2')]) {
      queryClient.setQueryData(key, []);
    }
    act(() => es.emit('fleet.changed', { reason: 'reading.recorded', machineIds: ['m1'] }));
    const stale = (key: readonly unknown[]) => queryClient.getQueryState(key)?.isInvalidated;
    expect(stale(queryKeys.fleet.dashboard)).toBe(true);
    expect(stale(queryKeys.fleet.machines)).toBe(true);
    expect(stale(queryKeys.fleet.plans('m1'))).toBe(true);
    expect(stale(queryKeys.fleet.plans('m2'))).toBe(false);

    act(() => es.emit('fleet.changed', { reason: 'import', machineIds: [] }));
    expect(stale(queryKeys.fleet.plans('m2'))).toBe(true);
  });

  it('import.progress moves the loaded job forward, never back; import.finished refetches it', () => {
    const { queryClient, es } = setup();
    queryClient.setQueryData(queryKeys.imports.detail('j1'), job());
    act(() => es.emit('import.progress', { ...job({ processed: 750, created: 740, failed: 10 }), errors: undefined }));
    expect(queryClient.getQueryData<ImportJob>(queryKeys.imports.detail('j1'))).toMatchObject({ processed: 750, created: 740, failed: 10 });
    act(() => es.emit('import.progress', { ...job({ processed: 500 }), errors: undefined }));
    expect(queryClient.getQueryData<ImportJob>(queryKeys.imports.detail('j1'))!.processed).toBe(750);

    act(() =>
      es.emit('import.finished', { ...job({ status: 'COMPLETED', processed: 2000, created: 1990, failed: 10, finishedAt: '2026-12-01T10:01:00Z' }), errors: undefined }),
    );
    const done = queryClient.getQueryData<ImportJob>(queryKeys.imports.detail('j1'))!;
    expect(done.status).toBe('COMPLETED');
    expect(done.errors).toEqual([]);
    expect(queryClient.getQueryState(queryKeys.imports.detail('j1'))?.isInvalidated).toBe(true);
  });
});
