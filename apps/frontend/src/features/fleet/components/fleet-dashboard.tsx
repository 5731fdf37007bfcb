// The dashboard's fleet figures, from GET /dashboard (one query, refetched on fleet.changed).
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';
import { QueryState } from '@/components/query-state';
import { checklistLabel, isFailedItem } from '@/lib/checklist';
import { formatDate, formatHours, formatRelative } from '@/lib/format';
import { useDashboard } from '../api/get-dashboard';
import { PlanStatusBadge } from './plan-status-badge';

export function DashboardTiles() {
  const { t } = useTranslation();
  const { data } = useDashboard();
  return (
    <>
      <Link to="/machines" className="tile" data-testid="tile-machines">
        <span className="tile__value">{data?.machines ?? '—'}</span>
        <span className="tile__label">{t('dashboard.fleetSize')}</span>
      </Link>
      <div className="tile tile--danger" data-testid="tile-overdue">
        <span className="tile__value">{data?.overdue ?? '—'}</span>
        <span className="tile__label">{t('dashboard.overdue')}</span>
      </div>
      <div className="tile tile--warning" data-testid="tile-due-soon">
        <span className="tile__value">{data?.dueSoon ?? '—'}</span>
        <span className="tile__label">{t('dashboard.dueSoon')}</span>
      </div>
      <div className="tile tile--danger" data-testid="tile-quick-check-failures">
        <span className="tile__value">{data?.quickCheckFailureCount ?? '—'}</span>
        <span className="tile__label">{t('dashboard.quickCheckFailures')}</span>
      </div>
      <Link to="/issues" className="tile tile--warning" data-testid="tile-open-issues">
        <span className="tile__value">{data?.openIssues ?? '—'}</span>
        <span className="tile__label">{t('dashboard.openIssues')}</span>
      </Link>
    </>
  );
}

export function AttentionList() {
  const { t, i18n } = useTranslation();
  const { data, isPending, error, refetch } = useDashboard();
  return (
    <section className="card" aria-labelledby="attention-title">
      <header className="card__header">
        <h2 id="attention-title">{t('dashboard.attention')}</h2>
        <Link to="/machines">{t('dashboard.seeAll')}</Link>
      </header>
      <QueryState isPending={isPending} error={error} onRetry={() => void refetch()}>
        {!data || data.attention.length === 0 ? (
          <p className="muted pad">{t('dashboard.attentionNone')}</p>
        ) : (
          <ul className="rows" data-testid="attention-list">
            {data.attention.map(({ machine, plans }) => (
              <li key={machine.id} className="row row--top">
                <div className="row__main">
                  <Link to={`/machines/${machine.id}`}>
                    <strong>{machine.name}</strong>
                  </Link>
                  <span className="muted small">
                    {machine.serialNumber} · {formatHours(machine.operatingHours, i18n.language)}
                  </span>
                  <ul className="mini-plans">
                    {plans.map((p) => (
                      <li key={p.id}>
                        <PlanStatusBadge status={p.status} /> {p.name}
                        <span className="muted small">
                          {' '}
                          {p.nextDueHours != null && `· ${formatHours(p.nextDueHours, i18n.language)}`}
                          {p.nextDueAt && ` · ${formatDate(p.nextDueAt, i18n.language)}`}
                        </span>
                      </li>
                    ))}
                  </ul>
                </div>
              </li>
            ))}
            {data.attentionCount > data.attention.length && (
              <li className="row muted small">{t('dashboard.attentionMore', { count: data.attentionCount - data.attention.length })}</li>
            )}
          </ul>
        )}
      </QueryState>
    </section>
  );
}

export function QuickCheckFailures() {
  const { t, i18n } = useTranslation();
  const { data, isPending, error, refetch } = useDashboard();
  return (
    <section className="card" aria-labelledby="qc-failures-title">
      <header className="card__header">
        <h2 id="qc-failures-title">{t('dashboard.quickCheckFailures')}</h2>
      </header>
      <QueryState isPending={isPending} error={error} onRetry={() => void refetch()}>
        {!data || data.quickCheckFailures.length === 0 ? (
          <p className="muted pad">{t('dashboard.quickCheckFailuresNone')}</p>
        ) : (
          <ul className="rows" data-testid="quick-check-failures">
            {data.quickCheckFailures.map(({ machine, quickCheck }) => (
              <li key={machine.id} className="row">
                <div className="row__main">
                  <Link to={`/machines/${machine.id}`}>
                    <strong>{machine.name}</strong>
                  </Link>
                  <span className="muted small">
                    {/* Template items come without a label: named by key in the reader's language. */}
                    {quickCheck.items
                      .filter(isFailedItem)
                      .map((i) => checklistLabel(t, (k) => i18n.exists(k), i.key, i.label))
                      .join(', ')}{' '}
                    · {formatRelative(quickCheck.createdAt, i18n.language)}
                  </span>
                </div>
              </li>
            ))}
          </ul>
        )}
      </QueryState>
    </section>
  );
}
