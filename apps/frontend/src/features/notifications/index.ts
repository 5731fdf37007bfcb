export { NotificationBell } from './components/notification-bell';
export { NotificationsPage } from './components/notifications-page';
export { LatestNotifications } from './components/latest-notifications';
export { UnreadTile } from './components/unread-tile';
export { NotificationSettingsPage } from './components/notification-settings-page';
export { NotificationToast } from './components/notification-toast';
export { useNotificationObserver, type NotificationObserverOptions } from './hooks/use-notification-observer';
