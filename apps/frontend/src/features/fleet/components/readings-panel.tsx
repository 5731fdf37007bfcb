import { useState, type FormEvent } from 'react';
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
  const backwards = create.error instanceof ApiError && create.error.status === 400;

  const submit = (e: FormEvent) => {
    e.preventDefault();
    create.mutate(Number(hours), {
      onSuccess: () => {
        setHours('');
        toast.success(t('fleet.readings.recorded'));
      },
    });
  };

  return (
    <section className="card" aria-labelledby="readings-title">
      <header className="card__header">
        <h2 id="readings-title">{t('fleet.readings.title')}</h2>
      </header>
      <form className="form form--row pad" onSubmit={submit}>
        <Field
          label={t('fleet.operatingHours')}
          type="number"
          min={machine.operatingHours}
          step="0.1"
          inputMode="decimal"
          required
          value={hours}
          placeholder={String(machine.operatingHours)}
          onChange={(e) => setHours(e.target.value)}
          error={backwards ? t('fleet.readings.backwards', { hours: machine.operatingHours }) : undefined}
        />
        <button type="submit" className="btn btn--primary" disabled={create.isPending || hours === ''}>
          {t('fleet.readings.add')}
        </button>
      </form>
      {!backwards && <FormError error={create.error} />}
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
