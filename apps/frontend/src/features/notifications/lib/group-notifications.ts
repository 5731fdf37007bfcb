// Chat must not bury alerts: the message notifications of one conversation become one row
// (a count and the newest preview), placed where its newest message is.
import type { AppNotification } from '@/lib/types';

export type InboxRow =
  | { kind: 'single'; key: string; notification: AppNotification }
  | {
      kind: 'conversation';
      key: string;
      /** The other person of the conversation. */
      contactId: string;
      /** Newest first; the first one gives the row its preview and time. */
      items: AppNotification[];
      unread: number;
    };

/** The other person of a NEW_MESSAGE notification's conversation, if it says. */
export function conversationOf(n: AppNotification): string | undefined {
  if (n.type !== 'NEW_MESSAGE') return undefined;
  const meta = n.metadata ?? {};
  const other = meta.conversationWith ?? meta.senderId;
  return typeof other === 'string' && other ? other : undefined;
}

/** Groups a newest-first list into rows; a conversation with one notification stays a single row. */
export function groupNotifications(items: readonly AppNotification[]): InboxRow[] {
  const rows: InboxRow[] = [];
  const groups = new Map<string, Extract<InboxRow, { kind: 'conversation' }>>();
  for (const n of items) {
    const other = conversationOf(n);
    if (!other) {
      rows.push({ kind: 'single', key: n.id, notification: n });
      continue;
    }
    const group = groups.get(other);
    if (group) {
      group.items.push(n);
      if (!n.read) group.unread++;
      continue;
    }
    const created = { kind: 'conversation' as const, key: `conversation-${other}`, contactId: other, items: [n], unread: n.read ? 0 : 1 };
    groups.set(other, created);
    rows.push(created);
  }
  return rows.map((row) =>
    row.kind === 'conversation' && row.items.length === 1 ? { kind: 'single', key: row.items[0]!.id, notification: row.items[0]! } : row,
  );
}
