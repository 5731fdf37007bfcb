import { MachineDetailPage } from '@/features/fleet';
import { useContacts } from '@/features/contacts';
import { MachineWorkPanel } from '@/features/workshop';
import type { User } from '@/lib/types';

/** The machine page gets the people it names: the user and their contacts. */
export function MachineDetailRoute({ user }: { user: User }) {
  const contacts = useContacts();
  const people = [user, ...(contacts.data ?? []).map((c) => c.user)];
  return <MachineDetailPage people={people} extra={(m) => <MachineWorkPanel machine={m} />} />;
}
