// The shapes of the issue and work order endpoints (docs/api-shapes.md).
import type { Severity } from '@/lib/types';

// The severity of an issue is shared with the quick check's failed items (lib/types).
export type { Severity };
export { SEVERITIES } from '@/lib/types';
export type IssueStatus = 'OPEN' | 'ACKNOWLEDGED' | 'RESOLVED' | 'WONT_FIX';
export const ISSUE_STATUSES: IssueStatus[] = ['OPEN', 'ACKNOWLEDGED', 'RESOLVED', 'WONT_FIX'];

export interface Issue {
  id: string;
  machineId: string;
  machineName: string;
  ownerId: string;
  reporterId: string;
  title: string;
  description: string;
  severity: Severity;
  status: IssueStatus;
  quickCheckId?: string;
  itemKey?: string;
  workOrderId?: string;
  acknowledgedBy?: string;
  acknowledgedAt?: string;
  closedBy?: string;
  closedAt?: string;
  createdAt: string;
  updatedAt: string;
}

export interface IssueDetail extends Issue {
  comments: Array<{ id: string; authorId: string; body: string; createdAt: string }>;
  role: 'owner' | 'operator';
  canResolve: boolean;
}

export interface Page<T> {
  items: T[];
  nextCursor: string;
}

export type WorkOrderStatus = 'OPEN' | 'IN_PROGRESS' | 'COMPLETED' | 'CANCELLED';
export const WORK_ORDER_STATUSES: WorkOrderStatus[] = ['OPEN', 'IN_PROGRESS', 'COMPLETED', 'CANCELLED'];

export interface WorkOrderLine {
  kind: 'LABOUR' | 'PART';
  description: string;
  quantity: number;
  /** Minor units (cents) of currency. */
  unitCost: number;
  currency: string;
  total?: number;
}

export interface WorkOrder {
  id: string;
  machineId: string;
  machineName: string;
  ownerId: string;
  createdBy: string;
  title: string;
  notes: string;
  planId?: string;
  issueIds: string[];
  lines: WorkOrderLine[];
  assigneeId?: string;
  status: WorkOrderStatus;
  totals: Record<string, number>;
  completion?: { by: string; at: string; operatingHours: number; planCompletionId?: string };
  createdAt: string;
  updatedAt: string;
  startedAt?: string;
  closedAt?: string;
  role?: 'owner' | 'operator';
}

export interface ServiceHistory {
  workOrders: WorkOrder[];
  months: Array<{ month: string; currency: string; total: number }>;
  totals: Record<string, number>;
}
