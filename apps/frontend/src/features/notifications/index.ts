export { NotificationBell } from './components/NotificationBell';
export { NotificationsPage } from './components/NotificationsPage';
export { LatestNotifications } from './components/LatestNotifications';
export { UnreadTile } from './components/UnreadTile';
export { NotificationSettingsPage } from './components/NotificationSettingsPage';
export { NotificationToast } from './components/NotificationToast';
export { useNotificationObserver, type NotificationObserverOptions } from './hooks/use-notification-observer';
