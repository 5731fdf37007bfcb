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
