import { describe, expect, it } from 'vitest';
import { applyReadReceipt, type ThreadPages } from './thread-cache';
import type { Message } from './types';

const msg = (id: string, senderId: string, recipientId: string, readAt: string | null = null): Message => ({
  id, senderId, recipientId, content: id, createdAt: '2026-12-01T10:00:00Z', readAt,
});

const thread = (...items: Message[]): ThreadPages => ({ pages: [{ items, nextCursor: null }], pageParams: [undefined] });

describe('applyReadReceipt', () => {
  it('marks what was sent to the reader up to the named message, and nothing else', () => {
    const data = thread(msg('01', 'me', 'ben'), msg('02', 'ben', 'me'), msg('03', 'me', 'ben'), msg('04', 'me', 'ben'));
    const out = applyReadReceipt(data, { conversationWith: 'ben', upToMessageId: '03', readAt: '2026-12-01T11:00:00Z' })!;
    expect(out.pages[0]!.items.map((m) => [m.id, m.readAt])).toEqual([
      ['01', '2026-12-01T11:00:00Z'],
      ['02', null],
      ['03', '2026-12-01T11:00:00Z'],
      ['04', null],
    ]);
  });

  it('keeps an earlier read time and the same object when nothing changes', () => {
    const data = thread(msg('01', 'me', 'ben', '2026-12-01T09:00:00Z'));
    expect(applyReadReceipt(data, { conversationWith: 'ben', upToMessageId: '01', readAt: '2026-12-01T11:00:00Z' })).toBe(data);
    expect(applyReadReceipt(undefined, { conversationWith: 'ben', upToMessageId: '01', readAt: 'x' })).toBeUndefined();
  });
});
