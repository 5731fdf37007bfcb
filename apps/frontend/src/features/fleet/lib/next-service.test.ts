import { describe, expect, it } from 'vitest';
import { inDays, makeMachine, makePlan } from '@/testing/fleet';
import { nextPlan, searchMachines, sortMachines, type MachineRow } from './next-service';

describe('nextPlan', () => {
  const machine = makeMachine('m', { operatingHours: 480 });
  it.each([
    {
      why: 'the worst status wins over an earlier date',
      plans: [makePlan('soon', { status: 'OK', nextDueAt: inDays(1) }), makePlan('late', { status: 'OVERDUE', nextDueAt: inDays(-3) })],
      want: 'late',
    },
    {
      why: 'same status: the earlier date (calendar or forecast)',
      plans: [
        makePlan('cal', { status: 'DUE_SOON', nextDueAt: inDays(6) }),
        makePlan('forecast', { status: 'DUE_SOON', nextDueAt: null, nextDueHours: 500, forecastDueAt: inDays(2) }),
      ],
      want: 'forecast',
    },
    {
      why: 'hours only: fewer hours left',
      plans: [
        makePlan('far', { nextDueAt: null, nextDueHours: 900 }),
        makePlan('near', { nextDueAt: null, nextDueHours: 520 }),
      ],
      want: 'near',
    },
  ])('$why', ({ plans, want }) => {
    expect(nextPlan(machine, plans)?.name).toBe(want);
  });

  it('is null without plans', () => {
    expect(nextPlan(machine, [])).toBeNull();
  });
});

const rows: MachineRow[] = [
  { machine: makeMachine('a', { name: 'Camión grúa', brand: 'Volvo', model: 'FMX', serialNumber: 'VLV-1', operatingHours: 900, createdAt: '2026-11-02T09:00:00Z' }), next: makePlan('ok') },
  { machine: makeMachine('b', { name: 'Excavator', brand: 'CAT', model: '320', serialNumber: 'CAT-320-7', operatingHours: 4200, createdAt: '2026-12-01T10:00:00.001Z' }), next: makePlan('late', { status: 'OVERDUE', nextDueAt: inDays(-1) }) },
  { machine: makeMachine('c', { name: 'Backhoe', brand: 'JCB', model: '3CX', serialNumber: 'JCB-9', operatingHours: 1500, createdAt: '2026-12-01T10:00:00.001Z' }), next: null },
  { machine: makeMachine('d', { name: 'Dumper', brand: 'Thwaites', model: '', serialNumber: 'TW-4', operatingHours: 30, createdAt: '2026-12-01T10:00:00Z' }), next: makePlan('soon', { status: 'DUE_SOON', nextDueAt: inDays(4) }) },
];
const names = (list: MachineRow[]) => list.map((r) => r.machine.name);

describe('searchMachines', () => {
  it.each([
    { query: '', want: ['Camión grúa', 'Excavator', 'Backhoe', 'Dumper'] },
    { query: 'camion', want: ['Camión grúa'] },
    { query: 'cat-320', want: ['Excavator'] },
    { query: 'jcb', want: ['Backhoe'] },
    { query: '3cx', want: ['Backhoe'] },
    { query: 'volvo fmx', want: ['Camión grúa'] },
    { query: 'volvo 320', want: [] },
  ])('"$query" finds by name, serial number, brand or model', ({ query, want }) => {
    expect(names(searchMachines(rows, query))).toEqual(want);
  });
});

describe('sortMachines', () => {
  it.each([
    { by: 'name' as const, want: ['Backhoe', 'Camión grúa', 'Dumper', 'Excavator'] },
    { by: 'hours' as const, want: ['Excavator', 'Backhoe', 'Camión grúa', 'Dumper'] },
    { by: 'next' as const, want: ['Excavator', 'Dumper', 'Camión grúa', 'Backhoe'] },
    // Registered in the same millisecond (an import's batch): by name.
    { by: 'newest' as const, want: ['Backhoe', 'Excavator', 'Dumper', 'Camión grúa'] },
  ])('by $by', ({ by, want }) => {
    expect(names(sortMachines(rows, by, 'en'))).toEqual(want);
  });
});
