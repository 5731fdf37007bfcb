import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { QueryState } from '@/components/query-state';
import { FormError } from '@/components/form-error';
import { toast } from '@/components/toast-store';
import type { TypePreference } from '../lib/notification-preferences';
import { useNotificationPreferences } from '../api/get-notification-preferences';
import { useUpdateNotificationPreferences } from '../api/update-notification-preferences';
import { DesktopNotificationsToggle } from './desktop-notifications-toggle';

type Switch = 'inApp' | 'desktop' | 'quiet';
const SWITCHES: Switch[] = ['inApp', 'desktop', 'quiet'];

/** Settings: per notification type, in-app on/off, desktop on/off and quiet mode. */
export function NotificationSettingsPage() {
  const { t } = useTranslation();
  const query = useNotificationPreferences();
  const save = useUpdateNotificationPreferences();
  const [draft, setDraft] = useState<TypePreference[] | null>(null);

  // The form shows what is stored (following a change made in another tab) until edited here.
  const rows = draft ?? query.data?.types ?? [];

  const toggle = (type: TypePreference['type'], key: Switch) =>
    setDraft(rows.map((r) => (r.type === type ? { ...r, [key]: !r[key] } : r)));

  const submit = (e: React.FormEvent) => {
    e.preventDefault();
    save.mutate(rows, {
      onSuccess: () => {
        setDraft(null);
        toast.success(t('settings.notifications.saved'));
      },
    });
  };

  return (
    <div className="page">
      <header className="page__header">
        <h1>{t('settings.title')}</h1>
      </header>
      <section className="card pad" aria-labelledby="notification-settings">
        <h2 id="notification-settings">{t('settings.notifications.title')}</h2>
        <p className="muted small">{t('settings.notifications.help')}</p>
        <DesktopNotificationsToggle />
        <QueryState isPending={query.isPending} error={query.error} onRetry={() => void query.refetch()}>
          <form onSubmit={submit}>
            <table className="table">
              <thead>
                <tr>
                  <th scope="col">{t('notifications.type')}</th>
                  {SWITCHES.map((key) => (
                    <th scope="col" key={key}>
                      {t(`settings.notifications.${key}`)}
                    </th>
                  ))}
                </tr>
              </thead>
              <tbody>
                {rows.map((row) => (
                  <tr key={row.type}>
                    <th scope="row">{t(`notifications.types.${row.type}`)}</th>
                    {SWITCHES.map((key) => (
                      <td key={key}>
                        <input
                          type="checkbox"
                          checked={row[key]}
                          onChange={() => toggle(row.type, key)}
                          aria-label={t('settings.notifications.switchLabel', {
                            type: t(`notifications.types.${row.type}`),
                            setting: t(`settings.notifications.${key}`),
                          })}
                        />
                      </td>
                    ))}
                  </tr>
                ))}
              </tbody>
            </table>
            <FormError error={save.error} />
            <button type="submit" className="btn btn--primary" disabled={save.isPending || draft === null}>
              {t('settings.notifications.save')}
            </button>
          </form>
        </QueryState>
      </section>
    </div>
  );
}
