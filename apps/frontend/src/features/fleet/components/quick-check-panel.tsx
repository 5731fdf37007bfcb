import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { FormError } from '@/components/form-error';
import { QueryState } from '@/components/query-state';
import { toast } from '@/components/toast-store';
import { CHECKLIST_KEYS, CHECKLIST_VERSION, checklistLabel, defaultSeverity, isFailedItem } from '@/lib/checklist';
import { formatDateTime, formatHours } from '@/lib/format';
import { SEVERITIES, type Machine, type QuickCheckStatus, type Severity, type User } from '@/lib/types';
import { useQuickChecks } from '../api/get-quick-checks';
import { useCreateQuickCheck } from '../api/create-quick-check';

export const CHECK_ITEMS = CHECKLIST_KEYS;

type ItemState = { status: QuickCheckStatus | null; notes: string; severity: Severity };
const ANSWERS: QuickCheckStatus[] = ['PASSED', 'FAILED', 'NA'];
const answerKey = { PASSED: 'passed', FAILED: 'failed', NA: 'notApplicable' } as const;

/** What keeps the form from being sent: item key → problem, plus the hours field. */
function problems(items: Record<string, ItemState>, hours: string, current: number) {
  const out: Record<string, 'unanswered' | 'noteNeeded'> = {};
  for (const key of CHECK_ITEMS) {
    const it = items[key]!;
    if (!it.status) out[key] = 'unanswered';
    else if (it.status === 'FAILED' && !it.notes.trim()) out[key] = 'noteNeeded';
  }
  const h = hours.trim() === '' ? null : Number(hours);
  const hoursProblem = h !== null && (!Number.isFinite(h) || h < current);
  return { items: out, hoursProblem, hours: h };
}

export function QuickCheckPanel({ machine, people }: { machine: Machine; people: User[] }) {
  const { t, i18n } = useTranslation();
  const exists = (k: string) => i18n.exists(k);
  const checks = useQuickChecks(machine.id);
  const create = useCreateQuickCheck(machine.id);
  const initial = () =>
    Object.fromEntries(CHECK_ITEMS.map((k) => [k, { status: null, notes: '', severity: defaultSeverity(k) }])) as Record<string, ItemState>;
  const [items, setItems] = useState<Record<string, ItemState>>(initial);
  const [notes, setNotes] = useState('');
  const [hours, setHours] = useState('');
  const [tried, setTried] = useState(false);
  const nameOf = (id: string) => people.find((p) => p.id === id)?.name ?? t('fleet.operators.unknown');
  const check = problems(items, hours, machine.operatingHours);
  const canCheck = machine.can?.addQuickCheck !== false;

  const setItem = (key: string, patch: Partial<ItemState>) =>
    setItems((all) => ({ ...all, [key]: { ...all[key]!, ...patch } }));

  const submit = (e: FormEvent) => {
    e.preventDefault();
    setTried(true);
    if (Object.keys(check.items).length > 0 || check.hoursProblem) {
      const first = CHECK_ITEMS.find((k) => check.items[k]);
      document.getElementById(first ? `check-${first}-label` : 'qc-hours')?.closest('fieldset, .field')?.querySelector('input')?.focus();
      return;
    }
    create.mutate(
      {
        templateVersion: CHECKLIST_VERSION,
        items: CHECK_ITEMS.map((key) => ({
          key,
          status: items[key]!.status!,
          ...(items[key]!.notes.trim() ? { notes: items[key]!.notes.trim() } : {}),
          ...(items[key]!.status === 'FAILED' ? { severity: items[key]!.severity } : {}),
        })),
        ...(check.hours !== null ? { operatingHours: check.hours } : {}),
        ...(notes.trim() ? { notes: notes.trim() } : {}),
      },
      {
        onSuccess: () => {
          setItems(initial());
          setNotes('');
          setHours('');
          setTried(false);
          toast.success(t('fleet.quickCheck.sent'));
        },
      },
    );
  };

  const missing = Object.keys(check.items).length;

  return (
    <section className="card" aria-labelledby="quickcheck-title">
      <header className="card__header">
        <h2 id="quickcheck-title">{t('fleet.quickCheck.title')}</h2>
      </header>
      {canCheck && (
        <form className="pad form" onSubmit={submit} data-testid="quick-check-form" noValidate>
          <p className="muted">{t('fleet.quickCheck.lead')}</p>
          <ul className="checklist">
            {CHECK_ITEMS.map((key) => {
              const label = checklistLabel(t, exists, key);
              const state = items[key]!;
              const problem = tried ? check.items[key] : undefined;
              const errId = `check-${key}-error`;
              return (
                <li key={key} className={`checklist__item ${state.status === 'FAILED' ? 'is-failed' : ''} ${problem ? 'is-invalid' : ''}`}>
                  <fieldset aria-labelledby={`check-${key}-label`} aria-describedby={problem ? errId : undefined} aria-invalid={problem ? true : undefined}>
                    <span id={`check-${key}-label`} className="checklist__label">
                      {label}
                    </span>
                    <div className="segmented segmented--small">
                      {ANSWERS.map((answer) => (
                        <label
                          key={answer}
                          className={state.status === answer ? `is-active ${answer === 'FAILED' ? 'is-fail' : answer === 'PASSED' ? 'is-pass' : ''}` : ''}
                        >
                          <input type="radio" name={`check-${key}`} checked={state.status === answer} onChange={() => setItem(key, { status: answer })} />
                          {t(`fleet.quickCheck.${answerKey[answer]}`)}
                        </label>
                      ))}
                    </div>
                    {state.status === 'FAILED' && (
                      <input
                        type="text"
                        className="checklist__notes"
                        aria-label={t('fleet.quickCheck.itemNotes', { label })}
                        placeholder={t('fleet.quickCheck.itemNotes', { label })}
                        aria-invalid={problem === 'noteNeeded' ? true : undefined}
                        value={state.notes}
                        onChange={(e) => setItem(key, { notes: e.target.value })}
                      />
                    )}
                    {state.status === 'FAILED' && (
                      <select
                        className="checklist__severity"
                        aria-label={t('fleet.quickCheck.itemSeverity', { label })}
                        data-testid={`check-${key}-severity`}
                        value={state.severity}
                        onChange={(e) => setItem(key, { severity: e.target.value as Severity })}
                      >
                        {SEVERITIES.map((s) => (
                          <option key={s} value={s}>
                            {t(`workshop.severity.${s}`)}
                          </option>
                        ))}
                      </select>
                    )}
                    {problem && (
                      <p id={errId} className="field__error" role="alert">
                        {t(problem === 'unanswered' ? 'fleet.quickCheck.unanswered' : 'fleet.quickCheck.noteNeeded', { label })}
                      </p>
                    )}
                  </fieldset>
                </li>
              );
            })}
          </ul>
          <div className="field">
            <label htmlFor="qc-hours">{t('fleet.quickCheck.hours')}</label>
            <input
              id="qc-hours"
              type="number"
              inputMode="decimal"
              min={machine.operatingHours}
              step="0.1"
              value={hours}
              aria-invalid={tried && check.hoursProblem ? true : undefined}
              aria-describedby="qc-hours-hint"
              onChange={(e) => setHours(e.target.value)}
            />
            <p id="qc-hours-hint" className={tried && check.hoursProblem ? 'field__error' : 'field__hint'}>
              {tried && check.hoursProblem
                ? t('fleet.readings.backwards', { hours: machine.operatingHours.toLocaleString(i18n.language) })
                : t('fleet.quickCheck.hoursHint', { hours: formatHours(machine.operatingHours, i18n.language) })}
            </p>
          </div>
          <div className="field">
            <label htmlFor="qc-notes">{t('fleet.quickCheck.notes')}</label>
            <textarea id="qc-notes" rows={2} value={notes} onChange={(e) => setNotes(e.target.value)} />
          </div>
          {tried && missing > 0 && (
            <p className="form-error" role="alert" data-testid="quick-check-incomplete">
              {t('fleet.quickCheck.incomplete', { count: missing })}
            </p>
          )}
          <FormError error={create.error} />
          <button type="submit" className="btn btn--primary" disabled={create.isPending}>
            {t('fleet.quickCheck.submit')}
          </button>
        </form>
      )}
      <h3 className="pad-x">{t('fleet.quickCheck.history')}</h3>
      <QueryState isPending={checks.isPending} error={checks.error} onRetry={() => void checks.refetch()}>
        {(checks.data ?? []).length === 0 ? (
          <p className="muted pad">{t('fleet.quickCheck.empty')}</p>
        ) : (
          <ul className="rows rows--compact" data-testid="quick-check-history">
            {checks.data!.slice(0, 6).map((qc) => {
              const failedItems = qc.items.filter(isFailedItem);
              const failed = failedItems.map((i) => checklistLabel(t, exists, i.key, i.label));
              return (
                <li key={qc.id} className="row row--wrap" data-testid="quick-check-entry">
                  <span className={`status ${qc.passed ? 'status--ok' : 'status--overdue'}`}>
                    <span className="status__dot" aria-hidden="true" />
                    {qc.passed ? t('fleet.quickCheck.allPassed') : t('fleet.quickCheck.failedItems', { count: failed.length, items: failed.join(', ') })}
                  </span>
                  <span className="row__main" />
                  <span className="muted small">
                    {nameOf(qc.authorId)} · {formatDateTime(qc.createdAt, i18n.language)}
                    {qc.operatingHours != null && ` · ${formatHours(qc.operatingHours, i18n.language)}`}
                  </span>
                  {(failedItems.some((i) => i.notes) || qc.notes) && (
                    <ul className="check-notes small">
                      {failedItems
                        .filter((i) => i.notes)
                        .map((i) => (
                          <li key={i.key}>
                            <strong>{checklistLabel(t, exists, i.key, i.label)}:</strong> {i.notes}
                          </li>
                        ))}
                      {qc.notes && (
                        <li>
                          <strong>{t('fleet.quickCheck.notes')}:</strong> {qc.notes}
                        </li>
                      )}
                    </ul>
                  )}
                </li>
              );
            })}
          </ul>
        )}
      </QueryState>
    </section>
  );
}
