export { IssuesPage } from './components/issues-page';
export { IssueDetailPage } from './components/issue-detail-page';
export { MachineWorkPanel } from './components/machine-work-panel';
export { WorkOrdersPage } from './components/work-orders-page';
export { WorkOrderDetailPage } from './components/work-order-detail-page';
export { WorkOrderForm } from './components/work-order-form';
export { ServiceHistoryPage } from './components/service-history-page';
