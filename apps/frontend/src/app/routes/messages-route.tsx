import { MessagesPage } from '@/features/messaging';
import { useContacts } from '@/features/contacts';
import type { User } from '@/lib/types';

export function MessagesRoute({ user }: { user: User }) {
  const contacts = useContacts();
  return <MessagesPage currentUserId={user.id} knownUsers={(contacts.data ?? []).map((c) => c.user)} />;
}
