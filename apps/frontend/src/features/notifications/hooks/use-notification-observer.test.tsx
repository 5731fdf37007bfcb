import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { act, renderHook, waitFor } from '@testing-library/react';
import { QueryClient, QueryClientProvider, useInfiniteQuery, useQuery } from '@tanstack/react-query';
import { api } from '@/lib/api-client';
import type { ReactNode } from 'react';
import '@/lib/i18n';
import { SSEClient } from '@/services/sse-client';
import { FakeEventSource, fakeEventSourceFactory } from '@/testing/fake-event-source';
import { queryKeys } from '@/lib/query-keys';
import type { NotificationPages } from '../lib/inbox-state';
import type { AppNotification, Message, Page } from '@/lib/types';
import { useToasts } from '@/components/toast-store';
import { useStreamStatus } from '@/lib/stream-status';
import { STREAM_EVENTS, STREAM_URL, useNotificationObserver } from './use-notification-observer';

const ALL = { status: 'all', type: '' } as const;
const UNREAD = { status: 'unread', type: '' } as const;

function notification(id: string, extra: Partial<AppNotification> = {}): AppNotification {
  return {
    id,
    userId: 'me',
    type: 'SYSTEM',
    title: 'notification.contactRequest.title',
    message: 'notification.contactRequest.body',
    metadata: { requesterName: 'Ana' },
    actionUrl: '/contacts',
    priority: 'NORMAL',
    source: 'contacts',
    read: false,
    readAt: null,
    archivedAt: null,
    createdAt: new Date(Date.now() + Number(id.replace(/\D/g, '') || 0)).toISOString(),
    ...extra,
  };
}

const pages = (...items: AppNotification[]): NotificationPages => ({
  pages: [{ items, nextCursor: null }],
  pageParams: [undefined],
});

function setup(isUnauthorized: () => Promise<boolean> = async () => false) {
  const queryClient = new QueryClient({ defaultOptions: { queries: { retry: false } } });
  queryClient.setQueryData(queryKeys.notifications.list(ALL), pages(notification('1', { read: true })));
  queryClient.setQueryData(queryKeys.notifications.list(UNREAD), pages());
  queryClient.setQueryData(queryKeys.notifications.unreadCount, { count: 0 });
  const onUnauthorized = vi.fn();
  const createClient = () =>
    new SSEClient({
      url: STREAM_URL,
      events: STREAM_EVENTS,
      createEventSource: fakeEventSourceFactory,
      coordination: false,
      isUnauthorized,
    });
  const wrapper = ({ children }: { children: ReactNode }) => (
    <QueryClientProvider client={queryClient}>{children}</QueryClientProvider>
  );
  const hook = renderHook(({ enabled }) => useNotificationObserver({ enabled, onUnauthorized, createClient }), {
    wrapper,
    initialProps: { enabled: true },
  });
  const es = FakeEventSource.latest;
  act(() => es.open());
  return { queryClient, onUnauthorized, hook, es };
}

const listIds = (qc: QueryClient, filters: typeof ALL | typeof UNREAD) =>
  qc.getQueryData<NotificationPages>(queryKeys.notifications.list(filters))!.pages.flatMap((p) => p.items.map((n) => n.id));

beforeEach(() => {
  FakeEventSource.reset();
  useToasts.setState({ toasts: [] });
  vi.stubGlobal('fetch', vi.fn(async () => new Response('{"count":0}', { status: 200 })));
});

afterEach(() => {
  vi.unstubAllGlobals();
});

describe('useNotificationObserver', () => {
  it('puts a new notification at the top of every list it belongs to, with one toast', () => {
    const { queryClient, es } = setup();
    act(() => es.emit('notification', notification('2'), '2'));
    expect(listIds(queryClient, ALL)).toEqual(['2', '1']);
    expect(listIds(queryClient, UNREAD)).toEqual(['2']);
    const toasts = useToasts.getState().toasts;
    expect(toasts).toHaveLength(1);
    expect(toasts[0]!.notification?.id).toBe('2');
  });

  it('shows each notification once, however often it arrives', () => {
    const { queryClient, es } = setup();
    act(() => {
      es.emit('notification', notification('2'), '2');
      es.emit('notification', notification('2'), '2');
    });
    expect(listIds(queryClient, ALL)).toEqual(['2', '1']);
    expect(useToasts.getState().toasts).toHaveLength(1);
  });

  it('sets the badge from unread-count events', () => {
    const { queryClient, es } = setup();
    act(() => es.emit('unread-count', { count: 7 }));
    expect(queryClient.getQueryData(queryKeys.notifications.unreadCount)).toEqual({ count: 7 });
  });

  it('marks notifications read when another tab or device read them', () => {
    const { queryClient, es } = setup();
    act(() => {
      es.emit('notification', notification('2'), '2');
      es.emit('notification', notification('3'), '3');
    });
    act(() => es.emit('notification.read', { ids: ['2'] }));
    const all = queryClient.getQueryData<NotificationPages>(queryKeys.notifications.list(ALL))!.pages[0]!.items;
    expect(all.find((n) => n.id === '2')!.read).toBe(true);
    expect(all.find((n) => n.id === '3')!.read).toBe(false);
    expect(listIds(queryClient, UNREAD)).toEqual(['3']);
    act(() => es.emit('notification.read', { all: true }));
    expect(listIds(queryClient, UNREAD)).toEqual([]);
    const after = queryClient.getQueryData<NotificationPages>(queryKeys.notifications.list(ALL))!.pages[0]!.items;
    expect(after.every((n) => n.read)).toBe(true);
  });

  it('appends a NEW_MESSAGE to the open conversation and refreshes it', () => {
    const { queryClient, es } = setup();
    const thread: { pages: Page<Message>[]; pageParams: unknown[] } = {
      pages: [
        {
          items: [{ id: 'm1', senderId: 'me', recipientId: 'ana', content: 'Hi', createdAt: '2026-01-01T10:00:00Z', readAt: null }],
          nextCursor: null,
        },
      ],
      pageParams: [undefined],
    };
    queryClient.setQueryData(queryKeys.messaging.thread('ana'), thread);
    act(() =>
      es.emit(
        'notification',
        notification('5', {
          type: 'NEW_MESSAGE',
          title: 'notification.newMessage.title',
          message: 'notification.newMessage.body',
          metadata: { messageId: 'm2', senderId: 'ana', senderName: 'Ana', preview: 'Hello there', conversationWith: 'ana' },
          actionUrl: '/messages/ana',
        }),
        '5',
      ),
    );
    const data = queryClient.getQueryData<typeof thread>(queryKeys.messaging.thread('ana'))!;
    expect(data.pages[0]!.items.map((m) => m.content)).toEqual(['Hi', 'Hello there']);
    expect(queryClient.getQueryState(queryKeys.messaging.thread('ana'))!.isInvalidated).toBe(true);
  });

  it('invalidates the machine a maintenance alert or quick check is about', () => {
    const { queryClient, es } = setup();
    queryClient.setQueryData(queryKeys.fleet.plans('m-1'), []);
    queryClient.setQueryData(queryKeys.fleet.plans('m-2'), []);
    act(() =>
      es.emit(
        'notification',
        notification('6', { type: 'QUICK_CHECK_COMPLETED', priority: 'HIGH', metadata: { machineId: 'm-1', failedItems: ['Brakes'], failedCount: 1 } }),
        '6',
      ),
    );
    expect(queryClient.getQueryState(queryKeys.fleet.plans('m-1'))!.isInvalidated).toBe(true);
    expect(queryClient.getQueryState(queryKeys.fleet.plans('m-2'))!.isInvalidated).toBe(false);
    expect(useToasts.getState().toasts[0]!.tone).toBe('alert');
  });

  it('refetches the inbox after a reconnect, not on the first connect', () => {
    const { queryClient, es } = setup();
    act(() => es.emit('connected', { connectionId: 'a' }));
    expect(queryClient.getQueryState(queryKeys.notifications.list(ALL))!.isInvalidated).toBe(false);
    act(() => es.emit('connected', { connectionId: 'b' }));
    expect(queryClient.getQueryState(queryKeys.notifications.list(ALL))!.isInvalidated).toBe(true);
  });

  it('refetches the inbox and the badge when the server says it cannot replay (reset)', () => {
    const { queryClient, es } = setup();
    act(() => es.emit('connected', { connectionId: 'a' }));
    expect(queryClient.getQueryState(queryKeys.notifications.list(ALL))!.isInvalidated).toBe(false);
    act(() => es.emit('reset', { reason: 'gone' }));
    expect(queryClient.getQueryState(queryKeys.notifications.list(ALL))!.isInvalidated).toBe(true);
    expect(queryClient.getQueryState(queryKeys.notifications.list(UNREAD))!.isInvalidated).toBe(true);
    expect(queryClient.getQueryState(queryKeys.notifications.unreadCount)!.isInvalidated).toBe(true);
  });

  it('reports the stream state and stops the stream when observing ends (logout)', () => {
    const { hook, es } = setup();
    expect(useStreamStatus.getState().status).toBe('open');
    hook.rerender({ enabled: false });
    expect(es.closed).toBe(true);
    expect(useStreamStatus.getState().status).toBe('stopped');
  });

  it('asks the app to show the sign-in page when the stream is refused with 401', async () => {
    const { onUnauthorized, es } = setup(async () => true);
    act(() => es.fail());
    await vi.waitFor(() => expect(onUnauthorized).toHaveBeenCalledTimes(1));
  });
});

describe('useNotificationObserver and answers already on their way', () => {
  it('a list answer that predates a live notification does not wipe it out', async () => {
    const queryClient = new QueryClient({ defaultOptions: { queries: { retry: false } } });
    const stale = { items: [notification('1', { read: true })], nextCursor: null };
    const fresh = { items: [notification('2'), notification('1', { read: true })], nextCursor: null };
    let release!: () => void;
    let calls = 0;
    vi.stubGlobal(
      'fetch',
      vi.fn(async (input: RequestInfo | URL) => {
        if (!String(input).startsWith('/api/v1/notifications?')) return new Response('{"count":1}');
        calls++;
        if (calls === 1) return new Response(JSON.stringify(stale));
        if (calls === 2) {
          // The slow answer: it left the server before notification 2 existed.
          await new Promise<void>((r) => (release = r));
          return new Response(JSON.stringify(stale));
        }
        return new Response(JSON.stringify(fresh));
      }),
    );
    const createClient = () =>
      new SSEClient({ url: STREAM_URL, events: STREAM_EVENTS, createEventSource: fakeEventSourceFactory, coordination: false });
    const wrapper = ({ children }: { children: ReactNode }) => (
      <QueryClientProvider client={queryClient}>{children}</QueryClientProvider>
    );
    const { result } = renderHook(
      () => {
        useNotificationObserver({ enabled: true, createClient });
        return useInfiniteQuery({
          queryKey: queryKeys.notifications.list(ALL),
          queryFn: () => api.get<Page<AppNotification>>('/notifications', { status: 'all' }),
          initialPageParam: undefined as string | undefined,
          getNextPageParam: () => undefined,
        });
      },
      { wrapper },
    );
    await waitFor(() => expect(result.current.isSuccess).toBe(true));
    act(() => FakeEventSource.latest.open());

    // A refetch is in flight (a reconnect asked for one) when notification 2 arrives live.
    act(() => void queryClient.invalidateQueries({ queryKey: queryKeys.notifications.lists }));
    await waitFor(() => expect(calls).toBe(2));
    act(() => FakeEventSource.latest.emit('notification', notification('2'), '2'));
    expect(listIds(queryClient, ALL)).toEqual(['2', '1']);
    await act(async () => release());

    await waitFor(() => expect(calls).toBe(3));
    await waitFor(() => expect(result.current.isFetching).toBe(false));
    expect(listIds(queryClient, ALL)).toEqual(['2', '1']);
  });

  it('a count answer that predates an unread-count event does not win', async () => {
    const queryClient = new QueryClient({ defaultOptions: { queries: { retry: false } } });
    let release!: () => void;
    let staleAnswerRead = false;
    vi.stubGlobal(
      'fetch',
      vi.fn(async () => {
        await new Promise<void>((r) => (release = r));
        const response = new Response('{"count":1}');
        const text = response.text.bind(response);
        response.text = async () => {
          const body = await text();
          staleAnswerRead = true;
          return body;
        };
        return response;
      }),
    );
    const createClient = () =>
      new SSEClient({ url: STREAM_URL, events: STREAM_EVENTS, createEventSource: fakeEventSourceFactory, coordination: false });
    const wrapper = ({ children }: { children: ReactNode }) => (
      <QueryClientProvider client={queryClient}>{children}</QueryClientProvider>
    );
    const { result } = renderHook(
      () => {
        useNotificationObserver({ enabled: true, createClient });
        return useQuery({
          queryKey: queryKeys.notifications.unreadCount,
          queryFn: () => api.get<{ count: number }>('/notifications/unread-count'),
        });
      },
      { wrapper },
    );
    await waitFor(() => expect(release).toBeTypeOf('function'));
    act(() => FakeEventSource.latest.open());
    act(() => FakeEventSource.latest.emit('unread-count', { count: 5 }));
    await act(async () => release());
    // The old answer has been read by the client: had it been allowed to land, it would be now.
    await waitFor(() => expect(staleAnswerRead).toBe(true));
    await act(async () => {});
    expect(result.current.data).toEqual({ count: 5 });
  });
});

describe('desktop notifications', () => {
  it('shows one, tagged with the notification id, when permission was granted and the tab is hidden', () => {
    const shown: Array<{ title: string; options: NotificationOptions }> = [];
    class FakeNotification {
      static permission = 'granted';
      onclick: (() => void) | null = null;
      constructor(title: string, options: NotificationOptions) {
        shown.push({ title, options });
      }
      close() {}
    }
    vi.stubGlobal('Notification', FakeNotification);
    const visibility = vi.spyOn(document, 'visibilityState', 'get');
    const { es } = setup();

    visibility.mockReturnValue('visible');
    act(() => es.emit('notification', notification('7'), '7'));
    expect(shown).toHaveLength(0);

    visibility.mockReturnValue('hidden');
    act(() => es.emit('notification', notification('8'), '8'));
    expect(shown).toEqual([
      { title: 'New contact request', options: expect.objectContaining({ body: 'Ana wants to add you as a contact.', tag: '8' }) },
    ]);

    FakeNotification.permission = 'default';
    act(() => es.emit('notification', notification('9'), '9'));
    expect(shown).toHaveLength(1);
    visibility.mockRestore();
  });
});

describe('useNotificationObserver: deletes and what was missed', () => {
  it('a notification deleted elsewhere leaves every list, with the count from the same frame', () => {
    const { queryClient, es } = setup();
    act(() => es.emit('notification', notification('2'), '2'));
    expect(listIds(queryClient, ALL)).toEqual(['2', '1']);
    act(() => {
      es.emit('notification.deleted', { ids: ['2'] });
      es.emit('unread-count', { count: 0 });
    });
    expect(listIds(queryClient, ALL)).toEqual(['1']);
    expect(listIds(queryClient, UNREAD)).toEqual([]);
    expect(queryClient.getQueryData(queryKeys.notifications.unreadCount)).toEqual({ count: 0 });
  });

  it('notifications replayed after a reconnect raise one summary toast, not one each', () => {
    const { queryClient, es } = setup();
    act(() => es.emit('connected', { connectionId: 'a' }));
    act(() => es.emit('connected', { connectionId: 'b' }));
    act(() => {
      for (const id of ['7', '8', '9']) es.emit('notification', notification(id), id);
      es.emit('unread-count', { count: 3 });
    });
    const toasts = useToasts.getState().toasts;
    expect(toasts).toHaveLength(1);
    expect(toasts[0]!.text).toBe('3 notifications while you were offline');
    expect(listIds(queryClient, ALL).slice(0, 3)).toEqual(['9', '8', '7']);
    // Live ones after the replay toast as usual.
    act(() => es.emit('notification', notification('10'), '10'));
    expect(useToasts.getState().toasts).toHaveLength(2);
  });

  it('no toast for a message of the conversation open on screen', () => {
    window.history.pushState({}, '', '/messages/ana');
    try {
      const { es } = setup();
      act(() =>
        es.emit(
          'notification',
          notification('3', { type: 'NEW_MESSAGE', metadata: { senderId: 'ana', conversationWith: 'ana', preview: 'hi', messageId: 'm1' } }),
          '3',
        ),
      );
      expect(useToasts.getState().toasts).toHaveLength(0);
    } finally {
      window.history.pushState({}, '', '/');
    }
  });

  it('reads a message of the open, visible conversation as it arrives: no bell increment, no flicker', async () => {
    const fetchMock = vi.fn(async () => new Response(null, { status: 204 }));
    vi.stubGlobal('fetch', fetchMock);
    window.history.pushState({}, '', '/messages/ana');
    try {
      const { es, queryClient } = setup();
      const badge = () => queryClient.getQueryData<{ count: number }>(queryKeys.notifications.unreadCount)!.count;
      const message = notification('3', { type: 'NEW_MESSAGE', metadata: { senderId: 'ana', conversationWith: 'ana', preview: 'hi', messageId: 'm1' } });
      act(() => es.emit('notification', message, '3'));
      act(() => es.emit('unread-count', { count: 1 }));
      expect(badge()).toBe(0);
      expect(queryClient.getQueryData<NotificationPages>(queryKeys.notifications.list(ALL))!.pages[0]!.items[0]).toMatchObject({ id: '3', read: true });
      expect(listIds(queryClient, UNREAD)).toEqual([]);
      await vi.waitFor(() =>
        expect(fetchMock).toHaveBeenCalledWith('/api/v1/messages/conversations/ana/read', expect.objectContaining({ method: 'POST' })),
      );
      // The server confirms: the same count as before, with nothing left to discount.
      act(() => es.emit('notification.read', { ids: ['3'] }));
      act(() => es.emit('unread-count', { count: 0 }));
      expect(badge()).toBe(0);
      // A message of another conversation is counted and toasted as usual.
      act(() => es.emit('notification', notification('4', { type: 'NEW_MESSAGE', metadata: { senderId: 'bea', conversationWith: 'bea', preview: 'yo' } }), '4'));
      act(() => es.emit('unread-count', { count: 1 }));
      expect(badge()).toBe(1);
      expect(useToasts.getState().toasts).toHaveLength(1);
    } finally {
      window.history.pushState({}, '', '/');
    }
  });

  it('a message of the open conversation in a hidden tab stays unread and is announced', () => {
    const visibility = vi.spyOn(document, 'visibilityState', 'get').mockReturnValue('hidden');
    window.history.pushState({}, '', '/messages/ana');
    try {
      const { es, queryClient } = setup();
      act(() => es.emit('notification', notification('3', { type: 'NEW_MESSAGE', metadata: { senderId: 'ana', conversationWith: 'ana', preview: 'hi' } }), '3'));
      act(() => es.emit('unread-count', { count: 1 }));
      expect(queryClient.getQueryData<{ count: number }>(queryKeys.notifications.unreadCount)!.count).toBe(1);
      expect(useToasts.getState().toasts).toHaveLength(1);
    } finally {
      visibility.mockRestore();
      window.history.pushState({}, '', '/');
    }
  });
});

describe('useNotificationObserver and the notification preferences', () => {
  it('puts a quiet type in the inbox without a toast, while HIGH still toasts', () => {
    const { queryClient, es } = setup();
    queryClient.setQueryData(queryKeys.notificationPreferences, {
      updatedAt: '2026-12-01T10:00:00Z',
      types: [{ type: 'CONTACT_REQUEST', inApp: true, desktop: true, quiet: true }],
    });
    act(() => es.emit('notification', notification('2', { type: 'CONTACT_REQUEST' }), '2'));
    expect(listIds(queryClient, ALL)).toEqual(['2', '1']);
    expect(useToasts.getState().toasts).toEqual([]);
    act(() => es.emit('notification', notification('3', { type: 'CONTACT_REQUEST', priority: 'HIGH' }), '3'));
    expect(useToasts.getState().toasts.map((t) => t.id)).toEqual(['n-3']);
  });

  it('refetches the preferences when another tab changed them', async () => {
    const { queryClient, es } = setup();
    queryClient.setQueryData(queryKeys.notificationPreferences, { updatedAt: null, types: [] });
    act(() => es.emit('notification.preferences', { updatedAt: '2026-12-01T10:00:00Z' }));
    expect(queryClient.getQueryState(queryKeys.notificationPreferences)?.isInvalidated).toBe(true);
  });
});

describe('useNotificationObserver and read receipts', () => {
  it('marks what I sent read when message.read arrives', () => {
    const { queryClient, es } = setup();
    const mine = (id: string): Message => ({ id, senderId: 'me', recipientId: 'ben', content: id, createdAt: '2026-12-01T10:00:00Z', readAt: null });
    queryClient.setQueryData(queryKeys.messaging.thread('ben'), {
      pages: [{ items: [mine('m1'), mine('m2')], nextCursor: null }],
      pageParams: [undefined],
    });
    act(() => es.emit('message.read', { conversationWith: 'ben', upToMessageId: 'm1', readAt: '2026-12-01T11:00:00Z' }));
    const data = queryClient.getQueryData<{ pages: Array<Page<Message>> }>(queryKeys.messaging.thread('ben'))!;
    expect(data.pages[0]!.items.map((m) => m.readAt)).toEqual(['2026-12-01T11:00:00Z', null]);
  });
});
