import { useState, type FormEvent } from 'react';
import { parseNumber, useFieldChecks } from '@/hooks/use-field-checks';
import { useTranslation } from 'react-i18next';
import { Field } from '@/components/field';
import { FormError } from '@/components/form-error';
import { QueryState } from '@/components/query-state';
import { toast } from '@/components/toast-store';
import { ApiError } from '@/lib/api-client';
import { formatDateTime, formatHours } from '@/lib/format';
import type { Machine } from '@/lib/types';
import { useReadings } from '../api/get-readings';
import { useCreateReading } from '../api/create-reading';

export function ReadingsPanel({ machine }: { machine: Machine }) {
  const { t, i18n } = useTranslation();
  const readings = useReadings(machine.id);
  const create = useCreateReading(machine.id);
  const [hours, setHours] = useState('');
  const value = parseNumber(hours);
  const backwardsText = t('fleet.readings.backwards', { hours: machine.operatingHours.toLocaleString(i18n.language) });
  const checks = useFieldChecks(
    () => ({
      operatingHours:
        value === null ? t('fieldErrors.operatingHours') : value < machine.operatingHours ? backwardsText : undefined,
    }),
    create.error,
  );
  // The server refuses a reading below the meter (400): the field says so.
  const backwards = create.error instanceof ApiError && create.error.status === 400;
  const error = checks.errors.operatingHours ?? (backwards ? backwardsText : undefined);

  const submit = (e: FormEvent<HTMLFormElement>) => {
    if (!checks.passes(e) || value === null) return;
    create.mutate(value, {
      onSuccess: () => {
        setHours('');
        checks.reset();
        toast.success(t('fleet.readings.recorded'));
      },
    });
  };

  return (
    <section className="card" aria-labelledby="readings-title">
      <header className="card__header">
        <h2 id="readings-title">{t('fleet.readings.title')}</h2>
      </header>
      <form className="form form--row pad" onSubmit={submit} noValidate>
        <Field
          label={t('fleet.operatingHours')}
          name="operatingHours"
          required
          inputMode="decimal"
          value={hours}
          placeholder={String(machine.operatingHours)}
          onChange={(e) => setHours(e.target.value)}
          error={error}
        />
        <button type="submit" className="btn btn--primary" disabled={create.isPending}>
          {t('fleet.readings.add')}
        </button>
      </form>
      {!error && <FormError error={create.error} />}
      <QueryState isPending={readings.isPending} error={readings.error} onRetry={() => void readings.refetch()}>
        {(readings.data ?? []).length === 0 ? (
          <p className="muted pad">{t('fleet.readings.empty')}</p>
        ) : (
          <ul className="rows rows--compact">
            {readings.data!.slice(0, 8).map((r) => (
              <li key={r.id} className="row">
                <span className="row__main mono">{formatHours(r.operatingHours, i18n.language)}</span>
                <time className="muted small" dateTime={r.recordedAt}>
                  {formatDateTime(r.recordedAt, i18n.language)}
                </time>
              </li>
            ))}
          </ul>
        )}
      </QueryState>
    </section>
  );
}
