// Deleting a notification can be undone for a few seconds: it leaves every list at once and
// the request is sent when the undo window has passed (or at once when the page is left, through
// the offline queue kept on this device, so it is sent on the next visit if it cannot be now).
// Undo puts it back; a refused delete puts it back and says why; one that cannot reach the
// server waits in the offline queue like every inbox action.
import { useQueryClient, type QueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { deferWithUndo } from '@/components/undo-toast';
import { toast } from '@/components/toast-store';
import { errorMessage } from '@/lib/error-message';
import type { AppNotification } from '@/lib/types';
import {
  adjustUnreadCount,
  findNotification,
  insertNotification,
  removeNotification,
  updateNotificationLists,
} from '../lib/inbox-state';
import { sendOrQueue, useOfflineQueue } from '@/lib/offline-queue';
import { pendingDeletes } from '../lib/pending-deletes';
import { toastQueued } from '@/hooks/use-queued-action';

function hide(queryClient: QueryClient, n: AppNotification): void {
  updateNotificationLists(queryClient, (data) => removeNotification(data, n.id));
  if (!n.read) adjustUnreadCount(queryClient, -1);
}

function restore(queryClient: QueryClient, n: AppNotification): void {
  updateNotificationLists(queryClient, (data, filters) => insertNotification(data, n, filters));
  if (!n.read) adjustUnreadCount(queryClient, +1);
}

export function useDeleteNotification() {
  const queryClient = useQueryClient();
  const { t } = useTranslation();

  const commit = (n: AppNotification, leaving: boolean) => {
    pendingDeletes.remove(n.id);
    // A list fetched during the window may hold it again: it goes, and so does its count.
    if (findNotification(queryClient, n.id)) hide(queryClient, n);
    if (leaving) {
      // The page is going away: the queue (kept on this device) sends it now or on the next visit.
      useOfflineQueue.getState().add({ kind: 'delete', id: n.id });
    }
    return sendOrQueue({ kind: 'delete', id: n.id }).then(
      (result) => {
        if (result === 'sent') useOfflineQueue.getState().remove({ kind: 'delete', id: n.id });
        else if (!leaving) toastQueued(t('notifications.queued'));
      },
      (err) => {
        if (leaving) useOfflineQueue.getState().remove({ kind: 'delete', id: n.id });
        restore(queryClient, n);
        toast.error(t('notifications.notSaved', { reason: errorMessage(err, t) }));
      },
    );
  };

  return {
    /** Hides the notification now and deletes it when the undo window has passed. */
    mutate: (n: AppNotification) => {
      if (pendingDeletes.has(n.id)) return;
      const current = findNotification(queryClient, n.id) ?? n;
      pendingDeletes.add(current.id, !current.read);
      hide(queryClient, current);
      deferWithUndo({
        key: `notification:${current.id}`,
        text: t('notifications.deleted'),
        undoLabel: t('app.undo'),
        commit: (leaving) => commit(current, leaving),
        undo: () => {
          pendingDeletes.remove(current.id);
          restore(queryClient, current);
        },
      });
    },
  };
}
