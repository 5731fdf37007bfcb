export { IssuesPage } from './components/IssuesPage';
export { IssueDetailPage } from './components/IssueDetailPage';
export { MachineWorkPanel } from './components/MachineWorkPanel';
export { WorkOrdersPage } from './components/WorkOrdersPage';
export { WorkOrderDetailPage } from './components/WorkOrderDetailPage';
export { WorkOrderForm } from './components/WorkOrderForm';
export { ServiceHistoryPage } from './components/ServiceHistoryPage';
