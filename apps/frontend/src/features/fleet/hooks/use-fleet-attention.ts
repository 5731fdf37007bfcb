import { useQueries } from '@tanstack/react-query';
import type { Machine, MaintenancePlan } from '@/lib/types';
import { useMachines } from '../api/get-machines';
import { maintenancePlansQueryOptions } from '../api/get-maintenance-plans';

export interface MachineAttention {
  machine: Machine;
  plans: MaintenancePlan[];
  worst: 'OVERDUE' | 'DUE_SOON';
}

/** Machines with plans due soon or overdue, worst first. */
export function useFleetAttention() {
  const machines = useMachines();
  const list = machines.data ?? [];
  const plans = useQueries({ queries: list.map((m) => maintenancePlansQueryOptions(m.id)) });

  const attention: MachineAttention[] = [];
  let overdue = 0;
  let dueSoon = 0;
  list.forEach((machine, i) => {
    const due = (plans[i]?.data ?? [])
      .filter((p) => p.status !== 'OK')
      .sort((a, b) => (a.status === b.status ? 0 : a.status === 'OVERDUE' ? -1 : 1));
    overdue += due.filter((p) => p.status === 'OVERDUE').length;
    dueSoon += due.filter((p) => p.status === 'DUE_SOON').length;
    if (due.length > 0) {
      attention.push({ machine, plans: due, worst: due.some((p) => p.status === 'OVERDUE') ? 'OVERDUE' : 'DUE_SOON' });
    }
  });
  attention.sort((a, b) => (a.worst === b.worst ? a.machine.name.localeCompare(b.machine.name) : a.worst === 'OVERDUE' ? -1 : 1));

  return {
    machines,
    attention,
    overdue,
    dueSoon,
    isPending: machines.isPending || plans.some((p) => p.isPending),
  };
}
