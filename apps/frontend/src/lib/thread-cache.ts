// A conversation as the query cache holds it: pages newest first, each oldest to newest.
import type { InfiniteData } from '@tanstack/react-query';
import type { Message, Page } from './types';

export type ThreadPages = InfiniteData<Page<Message>, string | undefined>;

/** Appends a message to the newest page, once. */
export function appendMessage(data: ThreadPages | undefined, message: Message): ThreadPages | undefined {
  if (!data || data.pages.length === 0) return data;
  if (data.pages.some((p) => p.items.some((m) => m.id === message.id))) return data;
  const [newest, ...older] = data.pages;
  return { ...data, pages: [{ ...newest!, items: [...newest!.items, message] }, ...older] };
}

/**
 * Applies a read receipt (message.read) to the conversation with the reader: every message
 * sent to them up to and including `upToMessageId` (ids sort by creation) shows read at `readAt`.
 */
export function applyReadReceipt(
  data: ThreadPages | undefined,
  receipt: { conversationWith: string; upToMessageId: string; readAt: string },
): ThreadPages | undefined {
  if (!data) return data;
  let changed = false;
  const pages = data.pages.map((p) => ({
    ...p,
    items: p.items.map((m) => {
      if (m.recipientId !== receipt.conversationWith || m.readAt || m.id > receipt.upToMessageId) return m;
      changed = true;
      return { ...m, readAt: receipt.readAt };
    }),
  }));
  return changed ? { ...data, pages } : data;
}
