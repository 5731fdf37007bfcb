// Removing a contact can be undone for a few seconds: the contact leaves the list at once and
// the request is sent when the undo window has passed (at once, surviving the page, when the
// page is left). Undo puts the contact back where it was; a removal the server refuses or cannot
// receive puts it back too and says why, in the reader's language.
import { useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { apiRequest } from '@/lib/api-client';
import { queryKeys } from '@/lib/query-keys';
import { errorMessage } from '@/lib/error-message';
import { deferWithUndo } from '@/components/undo-toast';
import { toast } from '@/components/toast-store';
import type { Contact, User } from '@/lib/types';

/** `keepalive`: the request outlives the page (sent while it is being left). */
export const removeContact = (userId: string, { keepalive = false } = {}) =>
  apiRequest<void>(`/contacts/${encodeURIComponent(userId)}`, { method: 'DELETE', keepalive });

export function useRemoveContact() {
  const queryClient = useQueryClient();
  const { t } = useTranslation();

  const putBack = (contact: Contact, index: number) =>
    queryClient.setQueryData<Contact[]>(queryKeys.contacts.list, (list) => {
      if (!list || list.some((c) => c.user.id === contact.user.id)) return list;
      const next = [...list];
      next.splice(Math.min(index, next.length), 0, contact);
      return next;
    });

  return {
    /** Takes the contact off the list now and removes it when the undo window has passed. */
    mutate: (user: User) => {
      const list = queryClient.getQueryData<Contact[]>(queryKeys.contacts.list) ?? [];
      const index = list.findIndex((c) => c.user.id === user.id);
      if (index < 0) return;
      const contact = list[index]!;
      queryClient.setQueryData<Contact[]>(queryKeys.contacts.list, list.filter((c) => c.user.id !== user.id));
      deferWithUndo({
        key: `contact:${user.id}`,
        text: t('contacts.removed', { name: user.name }),
        undoLabel: t('app.undo'),
        undo: () => putBack(contact, index),
        commit: (leaving) =>
          removeContact(user.id, { keepalive: leaving }).then(
            () => void queryClient.invalidateQueries({ queryKey: queryKeys.contacts.all }),
            (err) => {
              putBack(contact, index);
              toast.error(t('contacts.notRemoved', { name: user.name, reason: errorMessage(err, t) }));
            },
          ),
      });
    },
  };
}
