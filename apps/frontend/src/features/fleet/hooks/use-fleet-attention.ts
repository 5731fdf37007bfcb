import type { Machine, MaintenancePlan } from '@/lib/types';
import { useFleetPlans } from '../api/get-fleet-plans';

export interface MachineAttention {
  machine: Machine;
  plans: MaintenancePlan[];
  worst: 'OVERDUE' | 'DUE_SOON';
}

/** Machines with plans due soon or overdue, worst first; one request for the whole fleet. */
export function useFleetAttention() {
  const fleet = useFleetPlans();
  const list = fleet.data ?? [];

  const attention: MachineAttention[] = [];
  let overdue = 0;
  let dueSoon = 0;
  for (const { machine, plans } of list) {
    const due = plans
      .filter((p) => p.status !== 'OK')
      .sort((a, b) => (a.status === b.status ? 0 : a.status === 'OVERDUE' ? -1 : 1));
    overdue += due.filter((p) => p.status === 'OVERDUE').length;
    dueSoon += due.filter((p) => p.status === 'DUE_SOON').length;
    if (due.length > 0) {
      attention.push({ machine, plans: due, worst: due.some((p) => p.status === 'OVERDUE') ? 'OVERDUE' : 'DUE_SOON' });
    }
  }
  attention.sort((a, b) => (a.worst === b.worst ? a.machine.name.localeCompare(b.machine.name) : a.worst === 'OVERDUE' ? -1 : 1));

  return {
    machines: { ...fleet, data: fleet.data?.map((f) => f.machine) },
    attention,
    overdue,
    dueSoon,
    isPending: fleet.isPending,
  };
}
