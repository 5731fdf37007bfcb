// The issue and work order shapes are the API's (src/lib/types.ts maps them from the generated
// spec); this file keeps the workshop's own lists of their values.
import type { IssueStatus, WorkOrderStatus } from '@/lib/types';

export type {
  Issue,
  IssueDetail,
  IssueStatus,
  ServiceHistory,
  Severity,
  WorkOrder,
  WorkOrderLine,
  WorkOrderStatus,
} from '@/lib/types';
export { SEVERITIES } from '@/lib/types';

export const ISSUE_STATUSES: IssueStatus[] = ['OPEN', 'ACKNOWLEDGED', 'RESOLVED', 'WONT_FIX'];
export const WORK_ORDER_STATUSES: WorkOrderStatus[] = ['OPEN', 'IN_PROGRESS', 'COMPLETED', 'CANCELLED'];
