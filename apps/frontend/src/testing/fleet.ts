import type { Machine, MachinePermissions, MaintenancePlan } from '@/lib/types';

export const ownerCan: MachinePermissions = {
  edit: true, delete: true, manageOperators: true, recordReading: true, addQuickCheck: true, createPlan: true, completePlan: true,
};

/** A machine as the API returns it, for tests: the caller owns it. */
export const makeMachine = (id: string, extra: Partial<Machine> = {}): Machine => ({
  id, ownerId: 'owner', serialNumber: `SN-${id}`, name: id, brand: '', model: '', type: '', operatingHours: 100,
  operatorIds: [], role: 'owner', can: ownerCan, createdAt: '', updatedAt: '', ...extra,
});

/** The date `days` from now (negative: in the past). */
export const inDays = (days: number) => new Date(Date.now() + days * 86_400_000).toISOString();

/** A plan as the API returns it, for tests: every 30 days, OK, due in 12 days unless told. */
export const makePlan = (id: string, extra: Partial<MaintenancePlan> = {}): MaintenancePlan => ({
  id, machineId: 'm1', name: id, type: 'SERVICE', intervalHours: null, intervalDays: 30, dueSoonHours: null, dueSoonDays: 7,
  startHours: 0, startedAt: '', lastCompletedAt: null, lastCompletedHours: null, status: 'OK', nextDueHours: null,
  nextDueAt: inDays(12), forecastDueAt: null, can: { complete: true }, createdAt: '', ...extra,
});
