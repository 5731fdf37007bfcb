// The API's JSON shapes (docs/api-shapes.md). Ids are opaque strings, times RFC 3339.

export interface User {
  id: string;
  email: string;
  name: string;
  businessName: string;
  roles: Array<'user' | 'admin'>;
  createdAt: string;
}

export interface AuthAnswer {
  user: User;
  token: string;
}

export interface Page<T> {
  items: T[];
  nextCursor: string | null;
}

export type ContactRequestStatus = 'PENDING' | 'ACCEPTED' | 'DECLINED';

export interface ContactRequest {
  id: string;
  requester: User;
  recipient: User;
  status: ContactRequestStatus;
  createdAt: string;
  respondedAt: string | null;
}

export interface ContactRequests {
  incoming: ContactRequest[];
  outgoing: ContactRequest[];
}

export interface Contact {
  user: User;
  since: string;
}

export interface Message {
  id: string;
  senderId: string;
  recipientId: string;
  content: string;
  createdAt: string;
  readAt: string | null;
}

export interface Conversation {
  contact: User;
  lastMessage: Message | null;
  unreadCount: number;
}

export interface Machine {
  id: string;
  ownerId: string;
  serialNumber: string;
  name: string;
  brand: string;
  model: string;
  type: string;
  operatingHours: number;
  operatorIds: string[];
  role: 'owner' | 'operator';
  /** What the caller may do, by the rule the server enforces. */
  can: MachinePermissions;
  createdAt: string;
  updatedAt: string;
}

export interface MachinePermissions {
  edit: boolean;
  delete: boolean;
  manageOperators: boolean;
  recordReading: boolean;
  addQuickCheck: boolean;
  createPlan: boolean;
  completePlan: boolean;
}

export interface FleetMachine {
  machine: Machine;
  plans: MaintenancePlan[];
}

export interface Reading {
  id: string;
  machineId: string;
  authorId: string;
  operatingHours: number;
  recordedAt: string;
}

export type PlanStatus = 'OK' | 'DUE_SOON' | 'OVERDUE';

export interface MaintenancePlan {
  id: string;
  machineId: string;
  name: string;
  type: string;
  intervalHours: number | null;
  intervalDays: number | null;
  dueSoonHours: number | null;
  dueSoonDays: number | null;
  startHours: number;
  startedAt: string;
  lastCompletedAt: string | null;
  lastCompletedHours: number | null;
  status: PlanStatus;
  nextDueHours: number | null;
  nextDueAt: string | null;
  forecastDueAt: string | null;
  can: { complete: boolean };
  createdAt: string;
}

export type QuickCheckStatus = 'PASSED' | 'FAILED' | 'NA';

/** How serious an issue is; also a failed quick-check item's, which its issue takes. */
export type Severity = 'LOW' | 'MEDIUM' | 'HIGH' | 'CRITICAL';
export const SEVERITIES: Severity[] = ['LOW', 'MEDIUM', 'HIGH', 'CRITICAL'];

export interface QuickCheckItem {
  key: string;
  /** Empty for a template item: its label is the reader's language's, by key. */
  label?: string;
  status: QuickCheckStatus;
  passed?: boolean;
  notes?: string | null;
  /** A failed item's severity, chosen by the operator (the issue it opens takes it). */
  severity?: Severity;
}

export interface QuickCheck {
  id: string;
  machineId: string;
  authorId: string;
  items: QuickCheckItem[];
  operatingHours: number | null;
  notes: string | null;
  passed: boolean;
  failedItems: string[];
  templateVersion: number;
  createdAt: string;
}

export type NotificationType =
  | 'MAINTENANCE_ALERT'
  | 'QUICK_CHECK_COMPLETED'
  | 'NEW_MESSAGE'
  | 'CONTACT_REQUEST'
  | 'CONTACT_ACCEPTED'
  | 'SYSTEM'
  | 'IMPORT_FINISHED'
  | 'ISSUE'
  | 'DOCUMENT_EXPIRY';

export const NOTIFICATION_TYPES: NotificationType[] = [
  'MAINTENANCE_ALERT',
  'QUICK_CHECK_COMPLETED',
  'NEW_MESSAGE',
  'CONTACT_REQUEST',
  'CONTACT_ACCEPTED',
  'SYSTEM',
  'IMPORT_FINISHED',
  'ISSUE',
  'DOCUMENT_EXPIRY',
];

export type DocumentType = 'INSURANCE' | 'INSPECTION_CERTIFICATE' | 'REGISTRATION' | 'CUSTOM';
export const DOCUMENT_TYPES: DocumentType[] = ['INSURANCE', 'INSPECTION_CERTIFICATE', 'REGISTRATION', 'CUSTOM'];

export interface MachineDocument {
  id: string;
  machineId: string;
  type: DocumentType;
  name: string;
  number: string;
  issuedOn: string | null;
  expiresOn: string;
  daysLeft: number;
  createdAt: string;
  /** The attached file; null when there is none. */
  file: DocumentFile | null;
}

/** A document's file: its cleaned name, the type sniffed from its content, its size in bytes. */
export interface DocumentFile {
  name: string;
  contentType: string;
  size: number;
  uploadedAt: string;
}

export type Priority = 'LOW' | 'NORMAL' | 'HIGH' | 'URGENT';

export interface AppNotification {
  id: string;
  userId: string;
  type: NotificationType;
  title: string;
  message: string;
  metadata: Record<string, unknown> | null;
  actionUrl: string | null;
  priority: Priority;
  source: string;
  read: boolean;
  createdAt: string;
  /** When it left the inbox (archived); absent or null in the inbox. */
  archivedAt?: string | null;
}

export interface UnreadCount {
  count: number;
}

export type ImportStatus = 'QUEUED' | 'RUNNING' | 'COMPLETED' | 'FAILED';
export type DuplicateRule = 'skip' | 'update' | 'fail';

export interface ImportRowError {
  row: number;
  field: string;
  message: string;
}

export interface ImportJob {
  id: string;
  fileName: string;
  onDuplicate: DuplicateRule;
  status: ImportStatus;
  total: number;
  processed: number;
  created: number;
  updated: number;
  skipped: number;
  failed: number;
  errors: ImportRowError[];
  reason: string | null;
  createdAt: string;
  startedAt: string | null;
  finishedAt: string | null;
}

/** The data of import.progress and import.finished. */
export interface ImportEvent {
  id: string;
  status: ImportStatus;
  total: number;
  processed: number;
  created: number;
  updated: number;
  skipped: number;
  failed: number;
  reason?: string;
  finishedAt: string | null;
}

/** The data of fleet.changed. */
export interface FleetChange {
  reason: string;
  machineIds: string[];
}
