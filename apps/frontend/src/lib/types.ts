// The API's JSON shapes, as the server's spec defines them. api-schema.gen.ts is generated from
// docs/swagger.json (`make api-types`); this is the ONE file that names the spec's definitions
// (`fleethttp.MachineDTO`, …): when the Go packages or DTOs are renamed, only the right-hand sides here
// change. Everything else imports these names. Where the app's type is deliberately not the
// spec's, it is derived from it here and the comment says why. Ids are opaque strings, times
// RFC 3339 (docs/api-shapes.md).
import type { components } from './api-schema.gen';

type Schemas = components['schemas'];

// Accounts and sessions
export type User = Schemas['accounthttp.UserDTO'];
export type AuthAnswer = Schemas['accounthttp.SessionDTO'];
/**
 * An error answer (httperr.Body). Every part is optional here: the client also reads answers that
 * did not come from the server's error mapper (a proxy's 502, an empty body).
 */
export interface ApiErrorBody {
  error?: Partial<Schemas['httperr.Detail']>;
}

export type LoginInput = Schemas['accounthttp.loginRequest'];
/** The sign-up form holds every field; an empty business name is sent as '' (the spec's is optional). */
export type RegisterInput = Required<Schemas['accounthttp.registerRequest']>;

/**
 * A page of a cursor-paged list whose cursor is null on the last page (messages, notifications):
 * generic, because the cache helpers (thread-cache, inbox-state) handle both pages alike.
 */
export type Page<T> = Omit<Schemas['messaginghttp.MessagePageDTO'], 'items'> & { items: T[] };

// Contacts
export type ContactRequest = Schemas['contactshttp.ContactRequestDTO'];
export type ContactRequestStatus = ContactRequest['status'];
export type ContactRequests = Schemas['contactshttp.ContactRequestsDTO'];
export type Contact = Schemas['contactshttp.ContactDTO'];

// Messaging
export type Message = Schemas['messaginghttp.MessageDTO'];
export type Conversation = Schemas['messaginghttp.ConversationDTO'];
export type SendMessageInput = Schemas['messaginghttp.sendMessageBody'];

// Fleet
export type Machine = Schemas['fleethttp.MachineDTO'];
export type MachinePermissions = Schemas['fleethttp.MachinePermissionsDTO'];
export type FleetMachine = Schemas['fleethttp.FleetMachineDTO'];
export type Reading = Schemas['fleethttp.ReadingDTO'];
export type MaintenancePlan = Schemas['fleethttp.MaintenancePlanDTO'];
export type PlanStatus = MaintenancePlan['status'];
export type QuickCheck = Schemas['fleethttp.QuickCheckDTO'];
export type QuickCheckItem = Schemas['fleethttp.QuickCheckItemDTO'];
export type QuickCheckStatus = QuickCheckItem['status'];
export type Dashboard = Schemas['fleethttp.DashboardDTO'];
export type CreateMachineInput = Schemas['fleethttp.machineCreateRequest'];
export type CreatePlanInput = Schemas['fleethttp.planCreateRequest'];
/** The body of POST …/maintenance-plans/{planId}/complete, with the plan it completes (a path parameter). */
export type CompletePlanInput = Schemas['fleethttp.planCompleteRequest'] & { planId: string };
export type CreateQuickCheckInput = Schemas['fleethttp.quickCheckCreateRequest'];

export type MachineDocument = Schemas['fleethttp.DocumentDTO'];
export type DocumentType = MachineDocument['type'];
export const DOCUMENT_TYPES: DocumentType[] = ['INSURANCE', 'INSPECTION_CERTIFICATE', 'REGISTRATION', 'CUSTOM'];
/** The spec knows a new document's type only as a string; the app sends one of the document types. */
export type NewDocument = Omit<Schemas['fleethttp.addDocumentRequest'], 'type'> & { type: DocumentType };

// Notifications
export type AppNotification = Schemas['events.NotificationDTO'];
export type NotificationType = AppNotification['type'];
export type Priority = AppNotification['priority'];
export type UnreadCount = Schemas['events.CountDTO'];
export type NotificationPreferences = Schemas['notificationhttp.PreferencesDTO'];
/** One type's delivery settings; every type but SYSTEM (always delivered). */
export type TypePreference = Schemas['notificationhttp.TypePreferenceDTO'];

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

// Imports
export type ImportJob = Schemas['fleethttp.ImportJobDTO'];
export type ImportStatus = ImportJob['status'];
export type DuplicateRule = ImportJob['onDuplicate'];
export type ImportRowError = Schemas['fleethttp.ImportRowErrorDTO'];

// The stream's event data is not in the spec (swag documents HTTP bodies; the events are in
// docs/notifications.md), so these two are written by hand, from the Go types they mirror.

/** The data of import.progress and import.finished (fleetapp.ImportEvent): the job's counts. */
export type ImportEvent = Pick<
  ImportJob,
  'id' | 'status' | 'total' | 'processed' | 'created' | 'updated' | 'skipped' | 'failed' | 'finishedAt'
> & { reason?: string };

/** The data of fleet.changed. */
export interface FleetChange {
  reason: string;
  machineIds: string[];
}

// Issues, work orders and service history
export type Issue = Schemas['fleethttp.IssueDTO'];
export type IssueDetail = Schemas['fleethttp.IssueDetailDTO'];
export type IssueStatus = Issue['status'];
export type Severity = Issue['severity'];
export const SEVERITIES: Severity[] = ['LOW', 'MEDIUM', 'HIGH', 'CRITICAL'];
export type IssuePage = Schemas['fleethttp.IssuePageDTO'];
export type IssuePolicy = Schemas['fleethttp.IssuePolicyDTO'];
export type CreateIssueInput = Schemas['fleethttp.issueOpenRequest'];

export type WorkOrderLine = Schemas['fleethttp.WorkOrderLineDTO'];
/**
 * A work order as the list and the detail answer it, in one type because the detail's cache entry
 * is updated with what a change answers (the list's shape): `role` is the detail's only.
 */
export type WorkOrder = Schemas['fleethttp.WorkOrderDTO'] & Partial<Pick<Schemas['fleethttp.WorkOrderDetailDTO'], 'role'>>;
export type WorkOrderStatus = WorkOrder['status'];
export type WorkOrderPage = Schemas['fleethttp.WorkOrderPageDTO'];
export type WorkOrderInput = Schemas['fleethttp.workOrderCreateRequest'];
export type CompleteWorkOrderInput = Schemas['fleethttp.workOrderCompleteRequest'];
export type WorkOrderEditInput = Omit<Schemas['fleethttp.workOrderUpdateRequest'], 'status'>;
export type ServiceHistory = Schemas['fleethttp.ServiceHistoryDTO'];
