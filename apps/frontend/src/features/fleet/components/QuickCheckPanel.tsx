import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { FormError } from '@/components/FormError';
import { QueryState } from '@/components/QueryState';
import { toast } from '@/components/toastStore';
import { formatDateTime } from '@/lib/format';
import type { Machine, User } from '@/lib/types';
import { useQuickChecks } from '../api/get-quick-checks';
import { useCreateQuickCheck } from '../api/create-quick-check';

export const CHECK_ITEMS = ['engineOil', 'hydraulics', 'tyres', 'lights', 'brakes', 'safety', 'leaks'] as const;

type ItemState = { passed: boolean; notes: string };

export function QuickCheckPanel({ machine, people }: { machine: Machine; people: User[] }) {
  const { t, i18n } = useTranslation();
  const checks = useQuickChecks(machine.id);
  const create = useCreateQuickCheck(machine.id);
  const initial = () => Object.fromEntries(CHECK_ITEMS.map((k) => [k, { passed: true, notes: '' }])) as Record<string, ItemState>;
  const [items, setItems] = useState<Record<string, ItemState>>(initial);
  const [notes, setNotes] = useState('');
  const nameOf = (id: string) => people.find((p) => p.id === id)?.name ?? t('fleet.operators.unknown');

  const setItem = (key: string, patch: Partial<ItemState>) =>
    setItems((all) => ({ ...all, [key]: { ...all[key]!, ...patch } }));

  const submit = (e: FormEvent) => {
    e.preventDefault();
    create.mutate(
      {
        items: CHECK_ITEMS.map((key) => ({
          key,
          label: t(`fleet.quickCheck.items.${key}`),
          passed: items[key]!.passed,
          ...(items[key]!.notes.trim() ? { notes: items[key]!.notes.trim() } : {}),
        })),
        ...(notes.trim() ? { notes: notes.trim() } : {}),
      },
      {
        onSuccess: () => {
          setItems(initial());
          setNotes('');
          toast.success(t('fleet.quickCheck.sent'));
        },
      },
    );
  };

  return (
    <section className="card" aria-labelledby="quickcheck-title">
      <header className="card__header">
        <h2 id="quickcheck-title">{t('fleet.quickCheck.title')}</h2>
      </header>
      <form className="pad form" onSubmit={submit} data-testid="quick-check-form">
        <p className="muted">{t('fleet.quickCheck.lead')}</p>
        <ul className="checklist">
          {CHECK_ITEMS.map((key) => {
            const label = t(`fleet.quickCheck.items.${key}`);
            const state = items[key]!;
            return (
              <li key={key} className={`checklist__item ${state.passed ? '' : 'is-failed'}`}>
                <fieldset aria-labelledby={`check-${key}-label`}>
                  <span id={`check-${key}-label`} className="checklist__label">
                    {label}
                  </span>
                  <div className="segmented segmented--small">
                    <label className={state.passed ? 'is-active is-pass' : ''}>
                      <input type="radio" name={`check-${key}`} checked={state.passed} onChange={() => setItem(key, { passed: true })} />
                      {t('fleet.quickCheck.passed')}
                    </label>
                    <label className={!state.passed ? 'is-active is-fail' : ''}>
                      <input type="radio" name={`check-${key}`} checked={!state.passed} onChange={() => setItem(key, { passed: false })} />
                      {t('fleet.quickCheck.failed')}
                    </label>
                  </div>
                  {!state.passed && (
                    <input
                      type="text"
                      className="checklist__notes"
                      aria-label={t('fleet.quickCheck.itemNotes', { label })}
                      placeholder={t('fleet.quickCheck.itemNotes', { label })}
                      value={state.notes}
                      onChange={(e) => setItem(key, { notes: e.target.value })}
                    />
                  )}
                </fieldset>
              </li>
            );
          })}
        </ul>
        <div className="field">
          <label htmlFor="qc-notes">{t('fleet.quickCheck.notes')}</label>
          <textarea id="qc-notes" rows={2} value={notes} onChange={(e) => setNotes(e.target.value)} />
        </div>
        <FormError error={create.error} />
        <button type="submit" className="btn btn--primary" disabled={create.isPending}>
          {t('fleet.quickCheck.submit')}
        </button>
      </form>
      <h3 className="pad-x">{t('fleet.quickCheck.history')}</h3>
      <QueryState isPending={checks.isPending} error={checks.error}>
        {(checks.data ?? []).length === 0 ? (
          <p className="muted pad">{t('fleet.quickCheck.empty')}</p>
        ) : (
          <ul className="rows rows--compact" data-testid="quick-check-history">
            {checks.data!.slice(0, 6).map((qc) => {
              const failed = qc.items.filter((i) => !i.passed).map((i) => i.label);
              return (
                <li key={qc.id} className="row">
                  <span className={`status ${qc.passed ? 'status--ok' : 'status--overdue'}`}>
                    <span className="status__dot" aria-hidden="true" />
                    {qc.passed ? t('fleet.quickCheck.allPassed') : t('fleet.quickCheck.failedItems', { count: failed.length, items: failed.join(', ') })}
                  </span>
                  <span className="row__main" />
                  <span className="muted small">
                    {nameOf(qc.authorId)} · {formatDateTime(qc.createdAt, i18n.language)}
                  </span>
                </li>
              );
            })}
          </ul>
        )}
      </QueryState>
    </section>
  );
}
