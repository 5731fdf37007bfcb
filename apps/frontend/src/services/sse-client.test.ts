import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { backoffDelay, SSEClient, type SSEClientOptions } from './sse-client';
import { createFakeCoordination, FakeEventSource, fakeEventSourceFactory } from '@/testing/fake-event-source';

const URL = '/api/v1/notifications/stream';

function makeClient(overrides: Partial<SSEClientOptions> = {}) {
  return new SSEClient({
    url: URL,
    events: ['connected', 'notification', 'notification.read', 'unread-count'],
    createEventSource: fakeEventSourceFactory,
    coordination: false,
    baseDelayMs: 1000,
    maxDelayMs: 30_000,
    healthyAfterMs: 5000,
    random: () => 0.999999,
    ...overrides,
  });
}

const note = (id: string) => ({ id, type: 'SYSTEM', title: 't', message: 'm', read: false });

beforeEach(() => {
  vi.useFakeTimers();
  FakeEventSource.reset();
});

afterEach(() => {
  vi.useRealTimers();
});

describe('backoffDelay', () => {
  it('stays within [0, min(max, base * 2^attempt)) for any random value', () => {
    for (let attempt = 0; attempt < 12; attempt++) {
      const ceiling = Math.min(30_000, 1000 * 2 ** attempt);
      expect(backoffDelay(attempt, 1000, 30_000, () => 0)).toBe(0);
      const high = backoffDelay(attempt, 1000, 30_000, () => 0.999999);
      expect(high).toBeLessThan(ceiling);
      expect(high).toBeGreaterThanOrEqual(ceiling - 1);
      for (let i = 0; i < 50; i++) {
        const d = backoffDelay(attempt, 1000, 30_000);
        expect(d).toBeGreaterThanOrEqual(0);
        expect(d).toBeLessThan(ceiling);
      }
    }
  });

  it('spreads delays with full jitter instead of a fixed schedule', () => {
    const delays = new Set(Array.from({ length: 40 }, () => backoffDelay(5, 1000, 30_000)));
    expect(delays.size).toBeGreaterThan(20);
    expect(backoffDelay(4, 1000, 30_000, () => 0.5)).toBe(8000);
  });

  it('never exceeds the cap however many attempts were made', () => {
    expect(backoffDelay(60, 1000, 30_000, () => 0.999999)).toBeLessThan(30_000);
    expect(backoffDelay(1000, 1000, 30_000, () => 0.5)).toBe(15_000);
  });
});

describe('SSEClient', () => {
  it('opens the stream with credentials and hands named events to listeners', () => {
    const client = makeClient();
    const got: unknown[] = [];
    const off = client.on('notification', (data) => got.push(data));
    client.start();
    const es = FakeEventSource.latest;
    expect(es.url).toBe(URL);
    expect(es.init.withCredentials).toBe(true);
    es.open();
    expect(client.status).toBe('open');
    es.emit('notification', note('n1'), 'n1');
    expect(got).toEqual([note('n1')]);
    off();
    es.emit('notification', note('n2'), 'n2');
    expect(got).toHaveLength(1);
    client.stop();
  });

  it('reconnects with growing, capped, jittered delays and never gives up', () => {
    const random = vi.fn(() => 0.999999);
    const client = makeClient({ random, browserRetries: 0 });
    client.start();
    const ceilings = [1000, 2000, 4000, 8000, 16_000, 30_000, 30_000, 30_000, 30_000, 30_000];
    for (const ceiling of ceilings) {
      const before = FakeEventSource.instances.length;
      FakeEventSource.latest.fail();
      expect(client.status).toBe('reconnecting');
      vi.advanceTimersByTime(ceiling - 2);
      expect(FakeEventSource.instances.length).toBe(before);
      vi.advanceTimersByTime(2);
      expect(FakeEventSource.instances.length).toBe(before + 1);
    }
    expect(random).toHaveBeenCalledTimes(ceilings.length);
    client.stop();
  });

  it('resets the backoff after a healthy connection, not after a short one', () => {
    const client = makeClient({ browserRetries: 0 });
    client.start();
    for (let i = 0; i < 4; i++) {
      FakeEventSource.latest.fail();
      vi.advanceTimersByTime(30_000);
    }
    // A connection that opens and drops at once does not reset the attempts.
    FakeEventSource.latest.open();
    vi.advanceTimersByTime(1000);
    FakeEventSource.latest.fail();
    let count = FakeEventSource.instances.length;
    vi.advanceTimersByTime(15_000);
    expect(FakeEventSource.instances.length).toBe(count);
    vi.advanceTimersByTime(16_000);
    expect(FakeEventSource.instances.length).toBe(count + 1);

    // A connection that stays open past healthyAfterMs resets them.
    FakeEventSource.latest.open();
    vi.advanceTimersByTime(5000);
    FakeEventSource.latest.fail();
    count = FakeEventSource.instances.length;
    vi.advanceTimersByTime(999);
    expect(FakeEventSource.instances.length).toBe(count + 1);
    client.stop();
  });

  it('lets the browser retry a stream that never opened once by itself, then takes over', () => {
    const client = makeClient();
    client.start();
    const first = FakeEventSource.latest;
    first.dropAndRetry();
    expect(first.closed).toBe(false);
    expect(FakeEventSource.instances).toHaveLength(1);
    // The browser's retry fails as well: the client closes it and makes a new one.
    first.dropAndRetry();
    expect(first.closed).toBe(true);
    vi.advanceTimersByTime(1000);
    expect(FakeEventSource.instances).toHaveLength(2);
    client.stop();
  });

  it('creates a new EventSource that resumes from the last id after the browser closed it', async () => {
    const isUnauthorized = vi.fn(async () => false);
    const client = makeClient({ isUnauthorized });
    client.start();
    const first = FakeEventSource.latest;
    first.open();
    first.emit('notification', note('a-7'), 'a-7');
    first.emit('unread-count', { count: 3 });
    first.fail();
    await vi.waitFor(() => expect(isUnauthorized).toHaveBeenCalled());
    await Promise.resolve();
    vi.advanceTimersByTime(1000);
    expect(FakeEventSource.instances).toHaveLength(2);
    expect(FakeEventSource.latest.url).toBe(`${URL}?lastEventId=a-7`);
    client.stop();
  });

  it('stops for good on 401 and reports it', async () => {
    const client = makeClient({ isUnauthorized: async () => true });
    const statuses: string[] = [];
    client.onStatus((s) => statuses.push(s));
    client.start();
    FakeEventSource.latest.fail();
    await vi.waitFor(() => expect(client.status).toBe('unauthorized'));
    vi.advanceTimersByTime(120_000);
    expect(FakeEventSource.instances).toHaveLength(1);
    expect(statuses.at(-1)).toBe('unauthorized');
    window.dispatchEvent(new Event('online'));
    expect(FakeEventSource.instances).toHaveLength(1);
  });

  it('drops events whose id was already delivered (a replay after resume)', () => {
    const client = makeClient({ browserRetries: 0 });
    const ids: string[] = [];
    client.on('notification', (_d, meta) => ids.push(meta.id));
    client.start();
    FakeEventSource.latest.open();
    FakeEventSource.latest.emit('notification', note('1'), '1');
    FakeEventSource.latest.emit('notification', note('2'), '2');
    FakeEventSource.latest.fail();
    vi.advanceTimersByTime(1000);
    const es = FakeEventSource.latest;
    es.open();
    es.emit('notification', note('2'), '2');
    es.emit('notification', note('3'), '3');
    es.emit('notification', note('3'), '3');
    expect(ids).toEqual(['1', '2', '3']);
    client.stop();
  });

  it('does not treat id-less events as duplicates of the last notification', () => {
    const client = makeClient();
    const counts: unknown[] = [];
    client.on('unread-count', (d) => counts.push(d));
    client.start();
    const es = FakeEventSource.latest;
    es.open();
    es.emit('notification', note('9'), '9');
    es.emit('unread-count', { count: 1 });
    es.emit('unread-count', { count: 2 });
    expect(counts).toEqual([{ count: 1 }, { count: 2 }]);
    client.stop();
  });

  it('reconnects at once when the browser comes online or a hidden tab becomes visible', () => {
    const client = makeClient({ browserRetries: 0 });
    client.start();
    FakeEventSource.latest.fail();
    vi.advanceTimersByTime(1000);
    FakeEventSource.latest.fail();
    expect(FakeEventSource.instances).toHaveLength(2);
    window.dispatchEvent(new Event('online'));
    expect(FakeEventSource.instances).toHaveLength(3);

    FakeEventSource.latest.fail();
    Object.defineProperty(document, 'visibilityState', { value: 'visible', configurable: true });
    document.dispatchEvent(new Event('visibilitychange'));
    expect(FakeEventSource.instances).toHaveLength(4);

    // An open stream is left alone.
    FakeEventSource.latest.open();
    window.dispatchEvent(new Event('online'));
    expect(FakeEventSource.instances).toHaveLength(4);
    client.stop();
  });

  it('reconnects on its own after the server announces shutdown', () => {
    const client = makeClient({ random: () => 0.5 });
    client.start();
    const es = FakeEventSource.latest;
    es.open();
    es.emit('notification', note('5'), '5');
    es.emit('shutdown', {});
    expect(es.closed).toBe(true);
    // Soon (within a second, jittered), not after the backoff.
    vi.advanceTimersByTime(624);
    expect(FakeEventSource.instances).toHaveLength(1);
    vi.advanceTimersByTime(1);
    expect(FakeEventSource.instances).toHaveLength(2);
    expect(FakeEventSource.latest.url).toBe(`${URL}?lastEventId=5`);
    client.stop();
  });

  it('stop() closes the stream, cancels retries and ignores later events', () => {
    const client = makeClient({ browserRetries: 0 });
    const got: unknown[] = [];
    client.on('notification', (d) => got.push(d));
    client.start();
    const es = FakeEventSource.latest;
    es.fail();
    client.stop();
    expect(client.status).toBe('stopped');
    vi.advanceTimersByTime(60_000);
    expect(FakeEventSource.instances).toHaveLength(1);
    es.emit('notification', note('x'), 'x');
    expect(got).toEqual([]);
  });
});

describe('SSEClient across tabs', () => {
  it('holds one stream for all tabs, shares events, and hands over when the leader stops', async () => {
    const coordination = createFakeCoordination();
    const tabs = [0, 1, 2].map(() => makeClient({ coordination }));
    const received = tabs.map(() => [] as string[]);
    tabs.forEach((tab, i) => tab.on('notification', (_d, meta) => received[i]!.push(meta.id)));
    tabs.forEach((tab) => tab.start());
    await vi.waitFor(() => expect(FakeEventSource.instances).toHaveLength(1));
    expect(tabs.map((t) => t.role)).toEqual(['leader', 'follower', 'follower']);

    const es = FakeEventSource.latest;
    es.open();
    expect(tabs.map((t) => t.status)).toEqual(['open', 'open', 'open']);
    es.emit('notification', note('1'), '1');
    expect(received).toEqual([['1'], ['1'], ['1']]);

    // The leading tab goes away: the next one leads and resumes from the last id.
    tabs[0]!.stop();
    await vi.waitFor(() => expect(FakeEventSource.instances).toHaveLength(2));
    expect(tabs[1]!.role).toBe('leader');
    expect(FakeEventSource.latest.url).toBe(`${URL}?lastEventId=1`);
    FakeEventSource.latest.open();
    FakeEventSource.latest.emit('notification', note('1'), '1');
    FakeEventSource.latest.emit('notification', note('2'), '2');
    expect(received).toEqual([['1'], ['1', '2'], ['1', '2']]);
    tabs.forEach((t) => t.stop());
  });

  it('stops every tab when the leader is refused with 401', async () => {
    const coordination = createFakeCoordination();
    const tabs = [0, 1].map(() => makeClient({ coordination, isUnauthorized: async () => true }));
    tabs.forEach((tab) => tab.start());
    await vi.waitFor(() => expect(FakeEventSource.instances).toHaveLength(1));
    FakeEventSource.latest.fail();
    await vi.waitFor(() => expect(tabs.map((t) => t.status)).toEqual(['unauthorized', 'unauthorized']));
    vi.advanceTimersByTime(60_000);
    expect(FakeEventSource.instances).toHaveLength(1);
  });
});

describe('SSEClient after a shutdown', () => {
  it('does not leave a refused try to the browser (its 3 s default), but tries again itself within a second', () => {
    vi.useFakeTimers();
    try {
      const client = makeClient({ random: () => 0.99 }); // browserRetries: 1, as in the app
      client.start();
      FakeEventSource.latest.open();
      FakeEventSource.latest.emit('notification', note('7'), '7');
      FakeEventSource.latest.emit('shutdown', {});
      vi.advanceTimersByTime(1000);
      expect(FakeEventSource.instances).toHaveLength(2);
      // The server is not back yet: the browser would keep this EventSource and retry in 3 s.
      const refused = FakeEventSource.latest;
      refused.dropAndRetry();
      expect(refused.closed).toBe(true);
      vi.advanceTimersByTime(1000);
      expect(FakeEventSource.instances).toHaveLength(3);
      expect(FakeEventSource.latest.url).toBe(`${URL}?lastEventId=7`);
      // Once a stream is open again, a later drop is the browser's to retry, as before.
      FakeEventSource.latest.open();
      FakeEventSource.latest.dropAndRetry();
      expect(FakeEventSource.latest.closed).toBe(false);
      expect(FakeEventSource.instances).toHaveLength(3);
      client.stop();
    } finally {
      vi.useRealTimers();
    }
  });

  it('keeps trying every second or less while the restarting server is not back', () => {
    vi.useFakeTimers();
    try {
      const client = makeClient({ random: () => 0.99, browserRetries: 0 });
      client.start();
      const es = FakeEventSource.latest;
      es.open();
      es.emit('shutdown', {});
      for (let i = 2; i <= 6; i++) {
        vi.advanceTimersByTime(1000);
        expect(FakeEventSource.instances).toHaveLength(i);
        FakeEventSource.latest.fail();
      }
      client.stop();
    } finally {
      vi.useRealTimers();
    }
  });
});

describe('SSEClient after a crash (a live stream lost without shutdown)', () => {
  it('tries again itself after a short jittered delay, not the server\'s 3 s retry, resuming from the last id', () => {
    for (const [random, delay] of [[0, 250], [0.5, 625], [0.999999, 999]] as const) {
      FakeEventSource.reset();
      const client = makeClient({ random: () => random });
      client.start();
      const first = FakeEventSource.latest;
      first.open();
      first.emit('notification', note('41'), '41');
      first.dropAndRetry();
      // Not left to the browser, which would wait the server's retry: (SSE_RETRY, 3 s).
      expect(first.closed).toBe(true);
      expect(client.status).toBe('reconnecting');
      expect(client.retryAt).not.toBeNull();
      vi.advanceTimersByTime(delay - 1);
      expect(FakeEventSource.instances).toHaveLength(1);
      vi.advanceTimersByTime(1);
      expect(FakeEventSource.instances).toHaveLength(2);
      expect(FakeEventSource.latest.url).toBe(`${URL}?lastEventId=41`);
      FakeEventSource.latest.open();
      expect(client.status).toBe('open');
      client.stop();
    }
  });

  it('then backs off while the server is still down, never leaving a try to the browser\'s default', () => {
    const client = makeClient({ random: () => 0.999999 });
    client.start();
    FakeEventSource.latest.open();
    FakeEventSource.latest.dropAndRetry();
    vi.advanceTimersByTime(999);
    expect(FakeEventSource.instances).toHaveLength(2);
    // Each failed try is closed and the next comes from the backoff: < 2 s, < 4 s, < 8 s.
    for (const ceiling of [2000, 4000, 8000]) {
      const source = FakeEventSource.latest;
      source.dropAndRetry();
      expect(source.closed).toBe(true);
      const count = FakeEventSource.instances.length;
      vi.advanceTimersByTime(ceiling - 2);
      expect(FakeEventSource.instances).toHaveLength(count);
      vi.advanceTimersByTime(2);
      expect(FakeEventSource.instances).toHaveLength(count + 1);
    }
    client.stop();
  });

  it('a stream that drops again before it is healthy is not retried at once (no tight loop); a healthy one is', () => {
    const client = makeClient({ random: () => 0 });
    client.start();
    FakeEventSource.latest.open();
    FakeEventSource.latest.dropAndRetry();
    vi.advanceTimersByTime(250);
    expect(FakeEventSource.instances).toHaveLength(2);
    const second = FakeEventSource.latest;
    second.open();
    vi.advanceTimersByTime(1000);
    // Dropped again 1 s later: the browser's own retry (the server's retry:) as before.
    second.dropAndRetry();
    expect(second.closed).toBe(false);
    expect(FakeEventSource.instances).toHaveLength(2);
    // Once it has been healthy (healthyAfterMs), the next drop gets the short try again.
    second.open();
    vi.advanceTimersByTime(5000);
    second.dropAndRetry();
    expect(second.closed).toBe(true);
    vi.advanceTimersByTime(250);
    expect(FakeEventSource.instances).toHaveLength(3);
    client.stop();
  });
});
