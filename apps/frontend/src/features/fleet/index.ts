export { MachinesPage } from './components/machines-page';
export { MachineDetailPage } from './components/machine-detail-page';
export { DashboardTiles, AttentionList, QuickCheckFailures } from './components/fleet-dashboard';
export { useMachine } from './api/get-machine';
export { useMaintenancePlans } from './api/get-maintenance-plans';
