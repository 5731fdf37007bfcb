// When a machine's maintenance is next due, from the plans the API answers (status, next due
// hours and date, forecast): what the machines list shows and sorts by.
import type { Machine, MaintenancePlan, PlanStatus } from '@/lib/types';

const DAY_MS = 86_400_000;

export const STATUS_ORDER: Record<PlanStatus, number> = { OVERDUE: 0, DUE_SOON: 1, OK: 2 };

/** Whole days from today to the due date: negative when overdue, 0 when due today. */
export function daysUntil(dueAt: string, now = Date.now()): number {
  const startOfDay = (ms: number) => {
    const d = new Date(ms);
    return Date.UTC(d.getFullYear(), d.getMonth(), d.getDate());
  };
  return Math.round((startOfDay(Date.parse(dueAt)) - startOfDay(now)) / DAY_MS);
}

/** Hours of use left before the plan is due (negative: overdue), when it counts hours. */
export function hoursLeft(plan: MaintenancePlan, machine: Machine): number | null {
  return plan.nextDueHours != null ? plan.nextDueHours - machine.operatingHours : null;
}

/** The earliest date the plan is expected due: its calendar date or the server's forecast from use. */
function dueDate(plan: MaintenancePlan): number | null {
  const dates = [plan.nextDueAt, plan.forecastDueAt].filter((d): d is string => !!d).map((d) => Date.parse(d));
  return dates.length > 0 ? Math.min(...dates) : null;
}

interface Due {
  plan: MaintenancePlan;
  machine: Machine;
}

/** Which of two plans is due first: the worse status, then the earlier date, then fewer hours left. */
function compareDue(a: Due, b: Due): number {
  const byStatus = STATUS_ORDER[a.plan.status] - STATUS_ORDER[b.plan.status];
  if (byStatus !== 0) return byStatus;
  const da = dueDate(a.plan);
  const db = dueDate(b.plan);
  if (da != null && db != null && da !== db) return da - db;
  if ((da == null) !== (db == null)) return da == null ? 1 : -1;
  return (hoursLeft(a.plan, a.machine) ?? Infinity) - (hoursLeft(b.plan, b.machine) ?? Infinity);
}

/** The machine's next plan due (the most urgent), or null without plans. */
export function nextPlan(machine: Machine, plans: readonly MaintenancePlan[]): MaintenancePlan | null {
  return [...plans].sort((a, b) => compareDue({ plan: a, machine }, { plan: b, machine }))[0] ?? null;
}

export interface MachineRow {
  machine: Machine;
  next: MaintenancePlan | null;
}

export type MachineSort = 'name' | 'hours' | 'next' | 'newest';
export const MACHINE_SORTS: readonly MachineSort[] = ['name', 'hours', 'next', 'newest'];

/** Lower case without accents, so "camion" finds "Camión". */
const fold = (s: string) => s.normalize('NFD').replace(/\p{M}/gu, '').toLowerCase();

/** The machines whose name, serial number, brand or model contain every word of the search. */
export function searchMachines<R extends MachineRow>(rows: readonly R[], query: string): R[] {
  const words = fold(query).split(/\s+/).filter(Boolean);
  if (words.length === 0) return [...rows];
  return rows.filter(({ machine: m }) => {
    const text = fold([m.name, m.serialNumber, m.brand, m.model].join(' '));
    return words.every((w) => text.includes(w));
  });
}

/** By name (A–Z), by hours (most first), by next service (most urgent first; no plans last) or
 * newest first (registered last; what an import just created is at the top). */
export function sortMachines<R extends MachineRow>(rows: readonly R[], by: MachineSort, language: string): R[] {
  const byName = (a: MachineRow, b: MachineRow) => a.machine.name.localeCompare(b.machine.name, language);
  const compare = {
    name: byName,
    hours: (a: MachineRow, b: MachineRow) => b.machine.operatingHours - a.machine.operatingHours || byName(a, b),
    next: (a: MachineRow, b: MachineRow) => {
      if (!a.next || !b.next) return a.next === b.next ? byName(a, b) : a.next ? -1 : 1;
      return compareDue({ plan: a.next, machine: a.machine }, { plan: b.next, machine: b.machine }) || byName(a, b);
    },
    newest: (a: MachineRow, b: MachineRow) =>
      (Date.parse(b.machine.createdAt) || 0) - (Date.parse(a.machine.createdAt) || 0) || byName(a, b),
  }[by];
  return [...rows].sort(compare);
}
