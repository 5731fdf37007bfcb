import { useTranslation } from 'react-i18next';
import type { PlanStatus } from '@/lib/types';

export function PlanStatusBadge({ status }: { status: PlanStatus }) {
  const { t } = useTranslation();
  return (
    <span className={`status status--${status.toLowerCase()}`} data-testid="plan-status">
      <span className="status__dot" aria-hidden="true" />
      {t(`fleet.plans.status.${status}`)}
    </span>
  );
}
