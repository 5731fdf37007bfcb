import { isSameOriginPath } from '@/lib/safe-path';
// Desktop notifications: permission is only ever asked from a user's click.

export type DesktopPermission = NotificationPermission | 'unsupported';

export function desktopPermission(): DesktopPermission {
  return typeof Notification === 'undefined' ? 'unsupported' : Notification.permission;
}

export async function requestDesktopPermission(): Promise<DesktopPermission> {
  if (typeof Notification === 'undefined') return 'unsupported';
  return Notification.requestPermission();
}

/** Shows one desktop notification; tabs share the tag, so the system shows it once. */
export function showDesktopNotification(tag: string, title: string, body: string, url?: string | null): void {
  if (desktopPermission() !== 'granted') return;
  if (typeof document !== 'undefined' && document.visibilityState === 'visible') return;
  try {
    const n = new Notification(title, { body, tag, icon: '/favicon.svg' });
    n.onclick = () => {
      window.focus();
      if (isSameOriginPath(url)) window.location.assign(url);
      n.close();
    };
  } catch {
    // Some platforms only allow notifications from a service worker: the toast suffices.
  }
}
