import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { act, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { mockApi, renderWithProviders } from '@/testing/render';
import type { Message } from '@/lib/types';
import { queryKeys } from '@/lib/query-keys';
import { applyReadReceipt, type ThreadPages } from '@/lib/thread-cache';
import { Thread } from './thread';

const msg = (i: number, from: string, readAt: string | null = '2026-01-01T00:00:00Z'): Message => ({
  id: `m${i}`,
  senderId: from,
  recipientId: from === 'ana' ? 'me' : 'ana',
  content: `message ${i}`,
  createdAt: new Date(Date.UTC(2026, 0, 1, 10, i)).toISOString(),
  readAt,
});

let api: ReturnType<typeof mockApi>;

beforeEach(() => {
  api = mockApi(({ method, url, body }) => {
    if (method === 'GET' && url.pathname === '/api/v1/messages/conversations/ana') {
      return url.searchParams.get('before') === 'c1'
        ? { body: { items: [msg(1, 'ana'), msg(2, 'me')], nextCursor: null } }
        : { body: { items: [msg(3, 'ana'), msg(4, 'ana', null)], nextCursor: 'c1' } };
    }
    if (method === 'POST' && url.pathname === '/api/v1/messages/conversations/ana/read') return { status: 204 };
    if (method === 'POST' && url.pathname === '/api/v1/messages') {
      const { content } = body as { content: string };
      return { status: 201, body: { ...msg(9, 'me'), content } };
    }
    return undefined;
  });
  vi.stubGlobal('fetch', vi.fn(api.fetchMock));
});
afterEach(() => vi.unstubAllGlobals());

describe('Thread', () => {
  it('shows the newest page, pages back into history, and reads the conversation on open', async () => {
    const user = userEvent.setup();
    renderWithProviders(<Thread contact={{ id: 'ana', name: 'Ana' }} currentUserId="me" />);
    const thread = await screen.findByTestId('thread');
    expect(within(thread).getAllByTestId('message').map((m) => m.querySelector('p')!.textContent)).toEqual([
      'message 3',
      'message 4',
    ]);
    await waitFor(() =>
      expect(api.calls.filter((c) => c.path === '/api/v1/messages/conversations/ana/read')).toHaveLength(1),
    );

    await user.click(screen.getByRole('button', { name: 'Load older messages' }));
    await waitFor(() => expect(within(thread).getAllByTestId('message')).toHaveLength(4));
    expect(within(thread).getAllByTestId('message').map((m) => m.querySelector('p')!.textContent)).toEqual([
      'message 1',
      'message 2',
      'message 3',
      'message 4',
    ]);
    expect(api.calls.some((c) => c.path.includes('before=c1'))).toBe(true);
    expect(screen.queryByRole('button', { name: 'Load older messages' })).not.toBeInTheDocument();
  });

  it('sends with Enter and shows the message at the end', async () => {
    const user = userEvent.setup();
    renderWithProviders(<Thread contact={{ id: 'ana', name: 'Ana' }} currentUserId="me" />);
    await screen.findByTestId('thread');
    const input = screen.getByLabelText('Message to Ana');
    await user.type(input, '  Oil changed on the CAT  {Enter}');
    await waitFor(() => expect(screen.getByText('Oil changed on the CAT')).toBeInTheDocument());
    expect(api.calls.find((c) => c.method === 'POST' && c.path === '/api/v1/messages')!.body).toEqual({
      recipientId: 'ana',
      content: 'Oil changed on the CAT',
    });
    expect(input).toHaveValue('');
  });

  it('keeps what was typed and says so when the server cannot be reached', async () => {
    const user = userEvent.setup();
    renderWithProviders(<Thread contact={{ id: 'ana', name: 'Ana' }} currentUserId="me" />);
    await screen.findByTestId('thread');
    const answer = api.fetchMock;
    vi.stubGlobal('fetch', vi.fn(async (input: RequestInfo | URL, init?: RequestInit) => {
      if (init?.method === 'POST' && String(input).endsWith('/api/v1/messages')) throw new TypeError('Failed to fetch');
      return answer(input, init);
    }));
    const input = screen.getByLabelText('Message to Ana');
    await user.type(input, 'Oil changed on the CAT{Enter}');
    expect(await screen.findByText('The server cannot be reached.')).toBeInTheDocument();
    expect(input).toHaveValue('Oil changed on the CAT');
    expect(within(screen.getByTestId('thread')).queryByText('Oil changed on the CAT')).not.toBeInTheDocument();
    expect(screen.getByRole('button', { name: 'Send' })).toBeEnabled();
  });

  it('shows Read on my messages the other has read, and a receipt that arrives live', async () => {
    api = mockApi(({ method, url }) => {
      if (method === 'GET' && url.pathname === '/api/v1/messages/conversations/ana') {
        return { body: { items: [msg(1, 'me'), msg(2, 'me', null), msg(3, 'me', null)], nextCursor: null } };
      }
      return undefined;
    });
    vi.stubGlobal('fetch', vi.fn(api.fetchMock));
    const { queryClient } = renderWithProviders(<Thread contact={{ id: 'ana', name: 'Ana' }} currentUserId="me" />);
    const thread = await screen.findByTestId('thread');
    const receipts = () => within(thread).getAllByTestId('message').map((m) => within(m).queryByTestId('read-receipt')?.textContent ?? '');
    expect(receipts()).toEqual(['Read', '', '']);

    act(() => {
      queryClient.setQueryData<ThreadPages>(queryKeys.messaging.thread('ana'), (d) =>
        applyReadReceipt(d, { conversationWith: 'ana', upToMessageId: 'm2', readAt: '2026-01-01T11:00:00Z' }),
      );
    });
    await waitFor(() => expect(receipts()).toEqual(['Read', 'Read', '']));
  });
});
