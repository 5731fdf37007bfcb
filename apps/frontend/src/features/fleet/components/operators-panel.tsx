import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { Avatar } from '@/components/avatar';
import { FormError } from '@/components/form-error';
import { toast } from '@/components/toast-store';
import type { Machine, User } from '@/lib/types';
import { useAssignOperator } from '../api/assign-operator';
import { useRemoveOperator } from '../api/remove-operator';

/** The machine's operators; the owner assigns them from their contacts. */
export function OperatorsPanel({ machine, candidates }: { machine: Machine; candidates: User[] }) {
  const { t } = useTranslation();
  const assign = useAssignOperator(machine.id);
  const remove = useRemoveOperator(machine.id);
  const [choice, setChoice] = useState('');
  const isOwner = machine.can?.manageOperators === true;
  const available = candidates.filter((c) => !machine.operatorIds.includes(c.id));

  const submit = (e: FormEvent) => {
    e.preventDefault();
    if (!choice) return;
    assign.mutate(choice, {
      onSuccess: () => {
        setChoice('');
        toast.success(t('fleet.operators.assigned'));
      },
    });
  };

  return (
    <section className="card" aria-labelledby="operators-title">
      <header className="card__header">
        <h2 id="operators-title">{t('fleet.operators.title')}</h2>
      </header>
      {machine.operatorIds.length === 0 ? (
        <p className="muted pad">{t('fleet.operators.empty')}</p>
      ) : (
        <ul className="rows" data-testid="operator-list">
          {machine.operatorIds.map((id) => {
            const user = candidates.find((c) => c.id === id);
            const name = user?.name ?? t('fleet.operators.unknown');
            return (
              <li key={id} className="row">
                <Avatar name={name} size={32} />
                <span className="row__main">
                  <strong>{name}</strong>
                  {user && <span className="muted small">{user.email}</span>}
                </span>
                {isOwner && (
                  <button type="button" className="btn btn--ghost btn--small" onClick={() => remove.mutate(id)} aria-label={t('fleet.operators.remove', { name })}>
                    ×
                  </button>
                )}
              </li>
            );
          })}
        </ul>
      )}
      {isOwner &&
        (candidates.length === 0 ? (
          <p className="muted pad small">{t('fleet.operators.noContacts')}</p>
        ) : (
          available.length > 0 && (
            <form className="form form--row pad" onSubmit={submit}>
              <div className="field">
                <label htmlFor="operator-choice">{t('fleet.operators.add')}</label>
                <select id="operator-choice" value={choice} onChange={(e) => setChoice(e.target.value)}>
                  <option value="">{t('fleet.operators.choose')}</option>
                  {available.map((c) => (
                    <option key={c.id} value={c.id}>
                      {c.name} ({c.email})
                    </option>
                  ))}
                </select>
              </div>
              <button type="submit" className="btn btn--secondary" disabled={!choice || assign.isPending}>
                {t('fleet.operators.add')}
              </button>
            </form>
          )
        ))}
      <FormError error={assign.error ?? remove.error} />
    </section>
  );
}
