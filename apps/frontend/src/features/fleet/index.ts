export { MachinesPage } from './components/MachinesPage';
export { MachineDetailPage } from './components/MachineDetailPage';
export { MachinesNeedingAttention, FleetTiles } from './components/MachinesNeedingAttention';
export { DashboardTiles, AttentionList, QuickCheckFailures } from './components/FleetDashboard';
export { useMachine } from './api/get-machine';
export { useMaintenancePlans } from './api/get-maintenance-plans';
