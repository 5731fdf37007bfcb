import { useState } from 'react';
import { desktopPermission, requestDesktopPermission, type DesktopPermission } from '../lib/browser-notifications';

/** The desktop-notification permission, asked only when `request` runs from a click. */
export function useDesktopPermission() {
  const [permission, setPermission] = useState<DesktopPermission>(desktopPermission);
  const request = async () => setPermission(await requestDesktopPermission());
  return { permission, request };
}
