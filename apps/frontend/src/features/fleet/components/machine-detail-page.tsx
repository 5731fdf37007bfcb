import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate, useParams } from 'react-router-dom';
import { QueryState } from '@/components/query-state';
import { ConfirmDialog } from '@/components/confirm-dialog';
import { FormError } from '@/components/form-error';
import { ApiError } from '@/lib/api-client';
import { formatHours } from '@/lib/format';
import type { ReactNode } from 'react';
import type { Machine, User } from '@/lib/types';
import { useMachine } from '../api/get-machine';
import { useDeleteMachine } from '../api/delete-machine';
import { PlansPanel } from './plans-panel';
import { ReadingsPanel } from './readings-panel';
import { QuickCheckPanel } from './quick-check-panel';
import { OperatorsPanel } from './operators-panel';
import { DocumentsPanel } from './documents-panel';

interface MachineDetailPageProps {
  /** The signed-in user and their contacts: operator candidates and names for authors. */
  people: User[];
  /** What other features show of the machine (its issues and work orders), below the panels. */
  extra?: (machine: Machine) => ReactNode;
}

export function MachineDetailPage({ people, extra }: MachineDetailPageProps) {
  const { t, i18n } = useTranslation();
  const { machineId = '' } = useParams();
  const navigate = useNavigate();
  const machine = useMachine(machineId);
  const del = useDeleteMachine();
  const [confirmingDelete, setConfirmingDelete] = useState(false);
  const notFound = machine.error instanceof ApiError && (machine.error.status === 404 || machine.error.status === 403);
  const m = machine.data;

  return (
    <div className="page">
      <Link to="/machines" className="back-link">
        ← {t('fleet.back')}
      </Link>
      {notFound ? (
        <p className="callout">{t('fleet.notFound')}</p>
      ) : (
        <QueryState isPending={machine.isPending} error={machine.error} onRetry={() => void machine.refetch()}>
          {m && (
            <>
              <header className="page__header machine-header">
                <div>
                  <h1>{m.name}</h1>
                  <p className="muted">
                    <span className="mono">{m.serialNumber}</span>
                    {[m.brand, m.model, m.type].filter(Boolean).length > 0 && ` · ${[m.brand, m.model, m.type].filter(Boolean).join(' · ')}`}
                  </p>
                </div>
                <div className="machine-header__stats">
                  <div className="stat">
                    <span className="stat__value" data-testid="machine-hours">
                      {formatHours(m.operatingHours, i18n.language)}
                    </span>
                    <span className="stat__label">{t('fleet.operatingHours')}</span>
                  </div>
                  <span className={`pill pill--${m.role}`}>{t(`fleet.roles.${m.role}`)}</span>
                  {m.can?.delete && (
                    <button
                      type="button"
                      className="btn btn--ghost btn--small"
                      onClick={() => setConfirmingDelete(true)}
                    >
                      {t('fleet.deleteMachine')}
                    </button>
                  )}
                  <ConfirmDialog
                    open={confirmingDelete}
                    title={t('fleet.confirmDelete', { name: m.name })}
                    confirmLabel={t('fleet.deleteMachine')}
                    danger
                    onCancel={() => setConfirmingDelete(false)}
                    onConfirm={() => {
                      setConfirmingDelete(false);
                      del.mutate(m.id, { onSuccess: () => navigate('/machines') });
                    }}
                  />
                </div>
              </header>
              <FormError error={del.error} />
              <div className="grid grid--detail">
                <div className="stack">
                  <PlansPanel machine={m} />
                  <QuickCheckPanel machine={m} people={people} />
                </div>
                <div className="stack">
                  <ReadingsPanel machine={m} />
                  <DocumentsPanel machine={m} />
                  <OperatorsPanel machine={m} candidates={people.filter((p) => p.id !== m.ownerId)} />
                </div>
              </div>
              {extra?.(m)}
            </>
          )}
        </QueryState>
      )}
    </div>
  );
}
