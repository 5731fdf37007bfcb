import { useParams } from 'react-router-dom';
import { useContacts } from '@/features/contacts';
import { useMachine, useMaintenancePlans } from '@/features/fleet';
import { IssueDetailPage, WorkOrderDetailPage, WorkOrderForm } from '@/features/workshop';
import { QueryState } from '@/components/query-state';
import type { User } from '@/lib/types';

/** The people a page names: the user and their contacts. */
function usePeople(user: User): User[] {
  const contacts = useContacts();
  return [user, ...(contacts.data ?? []).map((c) => c.user)];
}

export function IssueDetailRoute({ user }: { user: User }) {
  return <IssueDetailPage people={usePeople(user)} />;
}

export function WorkOrderDetailRoute({ user }: { user: User }) {
  return <WorkOrderDetailPage user={user} people={usePeople(user)} />;
}

/** The work order form gets the machine and its plans from the fleet feature. */
export function WorkOrderFormRoute({ user }: { user: User }) {
  const { machineId = '' } = useParams();
  const people = usePeople(user);
  const machine = useMachine(machineId);
  const plans = useMaintenancePlans(machineId);
  // Either may have failed: Retry asks for both again.
  const retry = () => {
    void machine.refetch();
    void plans.refetch();
  };
  return (
    <QueryState isPending={machine.isPending || plans.isPending} error={machine.error ?? plans.error} onRetry={retry}>
      {machine.data && <WorkOrderForm machine={machine.data} plans={plans.data ?? []} people={people} />}
    </QueryState>
  );
}
