import type { InboxRow } from '../lib/group-notifications';
import { NotificationGroupItem } from './notification-group-item';
import { NotificationItem } from './notification-item';

interface NotificationRowsProps {
  rows: InboxRow[];
  onNavigate?: () => void;
  compact?: boolean;
}

/** The rows of an inbox list: single notifications and conversation groups. */
export function NotificationRows({ rows, onNavigate, compact }: NotificationRowsProps) {
  return (
    <>
      {rows.map((row) =>
        row.kind === 'single' ? (
          <NotificationItem key={row.key} notification={row.notification} onNavigate={onNavigate} compact={compact} />
        ) : (
          <NotificationGroupItem
            key={row.key}
            contactId={row.contactId}
            items={row.items}
            unread={row.unread}
            onNavigate={onNavigate}
            compact={compact}
          />
        ),
      )}
    </>
  );
}
