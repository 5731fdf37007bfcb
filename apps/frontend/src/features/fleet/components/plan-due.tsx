import { useTranslation } from 'react-i18next';
import { daysUntil } from '../lib/next-service';

/** "12 h left" or "3 h overdue" (in danger colour). */
export function HoursLeft({ hours }: { hours: number }) {
  const { t, i18n } = useTranslation();
  const value = Math.abs(Math.round(hours)).toLocaleString(i18n.language);
  return (
    <span className={hours < 0 ? 'text-danger' : 'muted'} data-testid="plan-hours">
      {hours < 0 ? t('fleet.plans.overdueHours', { hours: value }) : t('fleet.plans.remainingHours', { hours: value })}
    </span>
  );
}

/** "5 days left", "due today" or "2 days overdue" (in danger colour). */
export function DaysLeft({ dueAt }: { dueAt: string }) {
  const { t } = useTranslation();
  const days = daysUntil(dueAt);
  return (
    <span className={days < 0 ? 'text-danger' : 'muted'} data-testid="plan-days">
      {days < 0 ? t('fleet.plans.daysOverdue', { count: -days }) : days === 0 ? t('fleet.plans.dueToday') : t('fleet.plans.daysLeft', { count: days })}
    </span>
  );
}
