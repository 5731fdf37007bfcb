import { describe, expect, it } from 'vitest';
import type { AppNotification } from '@/lib/types';
import { makeNotification } from '@/testing/notifications';
import { groupNotifications } from './group-notifications';

const n = (id: string, extra: Partial<AppNotification> = {}) => makeNotification(id, { createdAt: '2026-12-01T10:00:00Z', ...extra });
const msg = (id: string, from: string, read = false) =>
  n(id, { type: 'NEW_MESSAGE', read, metadata: { senderId: from, conversationWith: from, preview: id } });

describe('groupNotifications', () => {
  it.each([
    { name: 'no messages stay as they are', items: [n('a'), n('b')], want: ['a', 'b'] },
    { name: 'one message of a conversation stays a single row', items: [msg('m1', 'ana'), n('a')], want: ['m1', 'a'] },
    {
      name: 'a conversation becomes one row where its newest message is',
      items: [n('a'), msg('m3', 'ana'), n('b'), msg('m2', 'bea'), msg('m1', 'ana', true)],
      want: ['a', 'conversation-ana(2 items, 1 unread)', 'b', 'm2'],
    },
  ])('$name', ({ items, want }) => {
    const rows = groupNotifications(items).map((r) =>
      r.kind === 'single' ? r.notification.id : `${r.key}(${r.items.length} items, ${r.unread} unread)`,
    );
    expect(rows).toEqual(want);
  });

  it('keeps the newest message first in a group, for its preview', () => {
    const [row] = groupNotifications([msg('m3', 'ana'), msg('m2', 'ana'), msg('m1', 'ana')]);
    expect(row).toMatchObject({ kind: 'conversation', contactId: 'ana', unread: 3 });
    expect(row!.kind === 'conversation' && row!.items.map((i) => i.id)).toEqual(['m3', 'm2', 'm1']);
  });
});
