import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';
import { Spinner } from '@/components/spinner';
import { formatDate, formatHours } from '@/lib/format';
import { useFleetAttention } from '../hooks/use-fleet-attention';
import { PlanStatusBadge } from './plan-status-badge';

export function FleetTiles() {
  const { t } = useTranslation();
  const { machines, overdue, dueSoon } = useFleetAttention();
  return (
    <>
      <Link to="/machines" className="tile">
        <span className="tile__value">{machines.data?.length ?? '—'}</span>
        <span className="tile__label">{t('dashboard.fleetSize')}</span>
      </Link>
      <div className="tile tile--danger">
        <span className="tile__value">{overdue}</span>
        <span className="tile__label">{t('dashboard.overdue')}</span>
      </div>
      <div className="tile tile--warning">
        <span className="tile__value">{dueSoon}</span>
        <span className="tile__label">{t('dashboard.dueSoon')}</span>
      </div>
    </>
  );
}

export function MachinesNeedingAttention() {
  const { t, i18n } = useTranslation();
  const { attention, isPending } = useFleetAttention();
  return (
    <section className="card" aria-labelledby="attention-title">
      <header className="card__header">
        <h2 id="attention-title">{t('dashboard.attention')}</h2>
        <Link to="/machines">{t('dashboard.seeAll')}</Link>
      </header>
      {isPending ? (
        <Spinner />
      ) : attention.length === 0 ? (
        <p className="muted pad">{t('dashboard.attentionNone')}</p>
      ) : (
        <ul className="rows" data-testid="attention-list">
          {attention.map(({ machine, plans }) => (
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
        </ul>
      )}
    </section>
  );
}
