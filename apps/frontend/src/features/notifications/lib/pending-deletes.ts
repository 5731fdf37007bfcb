// Notifications the reader deleted whose undo window is still open: hidden from every list
// here, not yet deleted on the server. The badge discounts the unread ones, so a count from the
// stream during the window does not bring them back into it.
const pending = new Map<string, { unread: boolean }>();

export const pendingDeletes = {
  add: (id: string, unread: boolean) => void pending.set(id, { unread }),
  remove: (id: string) => void pending.delete(id),
  has: (id: string) => pending.has(id),
  /** How many of them are unread (the server still counts them). */
  unreadCount: () => [...pending.values()].filter((p) => p.unread).length,
};
