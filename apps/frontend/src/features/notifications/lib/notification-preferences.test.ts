import { describe, expect, it } from 'vitest';
import { presentation, type NotificationPreferences } from './notification-preferences';

const prefs: NotificationPreferences = {
  updatedAt: '2026-12-01T10:00:00Z',
  types: [
    { type: 'NEW_MESSAGE', inApp: true, desktop: false, quiet: false },
    { type: 'MAINTENANCE_ALERT', inApp: true, desktop: true, quiet: true },
  ],
};

describe('presentation', () => {
  it.each([
    ['desktop off: toast only', 'NEW_MESSAGE', 'NORMAL', { toast: true, desktop: false }],
    ['quiet: inbox and badge only', 'MAINTENANCE_ALERT', 'NORMAL', { toast: false, desktop: false }],
    ['quiet, LOW', 'MAINTENANCE_ALERT', 'LOW', { toast: false, desktop: false }],
    ['HIGH ignores quiet', 'MAINTENANCE_ALERT', 'HIGH', { toast: true, desktop: true }],
    ['URGENT ignores desktop off', 'NEW_MESSAGE', 'URGENT', { toast: true, desktop: true }],
    ['a type not listed', 'SYSTEM', 'NORMAL', { toast: true, desktop: true }],
  ] as const)('%s', (_name, type, priority, want) => {
    expect(presentation(prefs, { type, priority })).toEqual(want);
  });

  it('shows everything while the preferences are not loaded', () => {
    expect(presentation(undefined, { type: 'NEW_MESSAGE', priority: 'NORMAL' })).toEqual({ toast: true, desktop: true });
  });
});
