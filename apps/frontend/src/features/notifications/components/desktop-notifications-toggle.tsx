import { useTranslation } from 'react-i18next';
import { useDesktopPermission } from '../hooks/use-desktop-permission';

/** Asks for desktop notifications from a click, never on load. */
export function DesktopNotificationsToggle() {
  const { t } = useTranslation();
  const { permission, request } = useDesktopPermission();
  if (permission === 'unsupported') return null;
  if (permission === 'granted') return <p className="muted small">{t('notifications.desktopEnabled')}</p>;
  if (permission === 'denied') return <p className="muted small">{t('notifications.desktopDenied')}</p>;
  return (
    <button type="button" className="btn btn--link small" onClick={() => void request()}>
      {t('notifications.enableDesktop')}
    </button>
  );
}
