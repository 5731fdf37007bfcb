import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { act, screen, waitFor } from '@testing-library/react';
import { renderWithProviders } from '@/testing/render';
import { useToasts } from '@/components/toast-store';
import { flushOfflineQueue, sendQueuedAction, useOfflineQueue } from '@/lib/offline-queue';
import i18n from '@/lib/i18n';
import type { Conversation, Message } from '@/lib/types';
import { useConversations } from './get-conversations';
import { ConversationList } from '../components/conversation-list';
import { Thread } from '../components/thread';

const unread: Message = { id: 'm1', senderId: 'ana', recipientId: 'me', content: 'Is the CAT free?', createdAt: '2026-12-01T10:00:00Z', readAt: null };
const conversation: Conversation = { contact: { id: 'ana', name: 'Ana', email: 'ana@x.test' } as Conversation['contact'], lastMessage: unread, unreadCount: 1 };

/** The server: up (answers), down (no answer) or refusing the read (403). */
let mode: 'up' | 'down' | 'refusing' = 'up';
const writes: string[] = [];
beforeEach(async () => {
  mode = 'up';
  writes.length = 0;
  useOfflineQueue.getState().reset();
  useToasts.setState({ toasts: [] });
  await i18n.changeLanguage('en');
  vi.stubGlobal(
    'fetch',
    vi.fn(async (input: RequestInfo | URL, init?: RequestInit) => {
      const url = new URL(String(input), 'http://localhost');
      const method = init?.method ?? 'GET';
      if (method === 'GET' && url.pathname === '/api/v1/messages/conversations') return Response.json([conversation]);
      if (method === 'GET' && url.pathname === '/api/v1/messages/conversations/ana') return Response.json({ items: [unread], nextCursor: null });
      if (mode === 'down') throw new TypeError('Failed to fetch');
      if (mode === 'refusing') return Response.json({ error: { code: 'FORBIDDEN', message: 'not a contact' } }, { status: 403 });
      writes.push(`${method} ${url.pathname}`);
      return new Response(null, { status: 204 });
    }),
  );
});
afterEach(() => vi.unstubAllGlobals());

function Conversations() {
  const { data } = useConversations();
  return data ? <ConversationList conversations={data} currentUserId="me" /> : null;
}

async function openThread() {
  renderWithProviders(
    <>
      <Conversations />
      <Thread contact={{ id: 'ana', name: 'Ana' }} currentUserId="me" />
    </>,
  );
  expect(await screen.findByTestId('conversation-unread')).toHaveTextContent('1');
  expect(await screen.findByTestId('message')).toHaveTextContent('Is the CAT free?');
}

const toasts = () => useToasts.getState().toasts.map((t) => t.text);

describe('reading a conversation', () => {
  it('while the server is down stays read, says it is kept, and is sent when the connection returns', async () => {
    mode = 'down';
    await openThread();
    await waitFor(() => expect(useOfflineQueue.getState().actions).toEqual([{ kind: 'conversationRead', id: 'ana' }]));
    expect(screen.queryByTestId('conversation-unread')).not.toBeInTheDocument();
    expect(toasts()).toContain('Saved here; it will be sent when the server is back.');

    mode = 'up';
    await act(() => flushOfflineQueue(sendQueuedAction));
    expect(writes).toEqual(['POST /api/v1/messages/conversations/ana/read']);
    expect(useOfflineQueue.getState().actions).toEqual([]);
    expect(screen.queryByTestId('conversation-unread')).not.toBeInTheDocument();
  });

  it('refused by the server comes back unread, and says why in the reader\'s language', async () => {
    await i18n.changeLanguage('es');
    mode = 'refusing';
    await openThread();
    await waitFor(() => expect(toasts()).toContain('No se guardó: No tienes permiso para hacer esto.'));
    expect(screen.getByTestId('conversation-unread')).toHaveTextContent('1');
    expect(useOfflineQueue.getState().actions).toEqual([]);
  });

  it('sent when the server answers: read at once, nothing queued, no toast', async () => {
    await openThread();
    await waitFor(() => expect(writes).toEqual(['POST /api/v1/messages/conversations/ana/read']));
    expect(screen.queryByTestId('conversation-unread')).not.toBeInTheDocument();
    expect(useOfflineQueue.getState().actions).toEqual([]);
    expect(toasts()).toEqual([]);
  });
});
