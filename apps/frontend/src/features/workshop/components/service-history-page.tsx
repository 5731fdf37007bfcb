import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router-dom';
import { QueryState } from '@/components/query-state';
import { EmptyState } from '@/components/empty-state';
import { formatDate, formatHours } from '@/lib/format';
import { serviceHistoryCsvUrl, useServiceHistory } from '../api/get-service-history';
import { formatMoney, formatTotals } from '../money';

/** A machine's completed work orders and what they cost per month. */
export function ServiceHistoryPage() {
  const { t, i18n } = useTranslation();
  const { machineId = '' } = useParams();
  const history = useServiceHistory(machineId);
  const h = history.data;
  return (
    <div className="page">
      <Link to={`/machines/${machineId}`} className="back-link">
        ← {t('workshop.history.back')}
      </Link>
      <header className="page__header">
        <h1>{t('workshop.history.title')}</h1>
        <a className="btn" href={serviceHistoryCsvUrl(machineId)} download>
          {t('workshop.history.export')}
        </a>
      </header>
      <QueryState isPending={history.isPending} error={history.error} onRetry={() => void history.refetch()}>
        {h && (
          <div className="grid grid--2">
            <section className="card" aria-labelledby="costs-title">
              <header className="card__header">
                <h2 id="costs-title">{t('workshop.history.costs')}</h2>
                <span data-testid="history-total">{formatTotals(h.totals, i18n.language)}</span>
              </header>
              <ul className="rows" data-testid="history-months">
                {h.months.map((m) => (
                  <li key={m.month + m.currency} className="row">
                    <span className="row__main">{m.month}</span>
                    <strong>{formatMoney(m.total, m.currency, i18n.language)}</strong>
                  </li>
                ))}
              </ul>
            </section>
            <section className="card" aria-labelledby="done-title">
              <header className="card__header">
                <h2 id="done-title">{t('workshop.history.done')}</h2>
              </header>
              {h.workOrders.length === 0 ? (
                <EmptyState>{t('workshop.history.none')}</EmptyState>
              ) : (
                <ul className="rows" data-testid="history-work-orders">
                  {h.workOrders.map((w) => (
                    <li key={w.id} className="row">
                      <div className="row__main">
                        <Link to={`/work-orders/${w.id}`}>{w.title}</Link>
                        <span className="muted small">
                          {formatDate(w.completion?.at, i18n.language)} · {formatHours(w.completion?.operatingHours, i18n.language)}
                        </span>
                      </div>
                      <span>{formatTotals(w.totals, i18n.language)}</span>
                    </li>
                  ))}
                </ul>
              )}
            </section>
          </div>
        )}
      </QueryState>
    </div>
  );
}
