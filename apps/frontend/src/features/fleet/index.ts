export { MachinesPage } from './components/machines-page';
export { MachineDetailPage } from './components/machine-detail-page';
export { MachinesNeedingAttention, FleetTiles } from './components/machines-needing-attention';
export { DashboardTiles, AttentionList, QuickCheckFailures } from './components/fleet-dashboard';
export { useMachine } from './api/get-machine';
export { useMaintenancePlans } from './api/get-maintenance-plans';
