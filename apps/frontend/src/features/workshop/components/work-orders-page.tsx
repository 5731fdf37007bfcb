import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';
import { QueryState } from '@/components/query-state';
import { EmptyState } from '@/components/empty-state';
import { formatRelative } from '@/lib/format';
import { useWorkOrders } from '../api/get-work-orders';
import { formatTotals } from '../money';
import { WORK_ORDER_STATUSES } from '../types';

/** Every work order of the caller's fleet, filtered by status. */
export function WorkOrdersPage() {
  const { t, i18n } = useTranslation();
  const [status, setStatus] = useState('');
  const orders = useWorkOrders({ status });
  const items = orders.data?.pages.flatMap((p) => p.items) ?? [];
  return (
    <div className="page">
      <header className="page__header">
        <h1>{t('workshop.workOrders.title')}</h1>
      </header>
      <div className="filters form form--grid">
        <div className="field">
          <label htmlFor="wo-status">{t('workshop.issues.status')}</label>
          <select id="wo-status" value={status} onChange={(e) => setStatus(e.target.value)}>
            <option value="">{t('workshop.all')}</option>
            {WORK_ORDER_STATUSES.map((s) => (
              <option key={s} value={s}>
                {t(`workshop.workOrderStatus.${s}`)}
              </option>
            ))}
          </select>
        </div>
      </div>
      <section className="card">
        <QueryState isPending={orders.isPending} error={orders.error} onRetry={() => void orders.refetch()}>
          {items.length === 0 ? (
            <EmptyState>{t('workshop.workOrders.none')}</EmptyState>
          ) : (
            <ul className="rows" data-testid="work-order-list">
              {items.map((w) => (
                <li key={w.id} className="row">
                  <div className="row__main">
                    <Link to={`/work-orders/${w.id}`}>
                      <strong>{w.title}</strong>
                    </Link>
                    <span className="muted small">
                      {w.machineName} · {formatRelative(w.createdAt, i18n.language)} · {formatTotals(w.totals, i18n.language)}
                    </span>
                  </div>
                  <span className="pill">{t(`workshop.workOrderStatus.${w.status}`)}</span>
                </li>
              ))}
            </ul>
          )}
          {orders.hasNextPage && (
            <button type="button" className="btn btn--ghost" onClick={() => void orders.fetchNextPage()}>
              {t('workshop.loadMore')}
            </button>
          )}
        </QueryState>
      </section>
    </div>
  );
}
