import { useTranslation } from 'react-i18next';
import { useSearchParams } from 'react-router-dom';
import { QueryState } from '@/components/query-state';
import { EmptyState } from '@/components/empty-state';
import { FormError } from '@/components/form-error';
import { useIssues } from '../api/get-issues';
import { useMachineChoices } from '../api/get-machine-choices';
import { useFleetIssuePolicy } from '../api/issue-policy';
import { ISSUE_STATUSES } from '../types';
import { IssueList } from './issue-list';
import { SeverityOptions } from './severity-options';

/**
 * Every issue of the caller's fleet, filtered by status, severity and machine, a page at a time.
 * The filters live in the address (?status=&severity=&machine=), so a link or a reload keeps them;
 * no status in the address means OPEN, an empty one every status.
 */
export function IssuesPage() {
  const { t } = useTranslation();
  const [params, setParams] = useSearchParams();
  const status = params.get('status') ?? 'OPEN';
  const severity = params.get('severity') ?? '';
  const machineId = params.get('machine') ?? '';
  const machines = useMachineChoices();
  const set = (key: string, value: string) =>
    setParams(
      (prev) => {
        const next = new URLSearchParams(prev);
        if (key === 'status' || value) next.set(key, value);
        else next.delete(key);
        return next;
      },
      { replace: true },
    );
  const issues = useIssues({ status, severity, machineId });
  const items = issues.data?.pages.flatMap((p) => p.items) ?? [];
  return (
    <div className="page">
      <header className="page__header">
        <h1>{t('workshop.issues.title')}</h1>
      </header>
      {machines.data?.some((m) => m.role === 'owner') && <FleetPolicy />}
      <div className="filters form form--grid">
        <div className="field">
          <label htmlFor="issue-status">{t('workshop.issues.status')}</label>
          <select id="issue-status" value={status} onChange={(e) => set('status', e.target.value)}>
            <option value="">{t('workshop.all')}</option>
            {ISSUE_STATUSES.map((s) => (
              <option key={s} value={s}>
                {t(`workshop.issueStatus.${s}`)}
              </option>
            ))}
          </select>
        </div>
        <div className="field">
          <label htmlFor="issue-severity">{t('workshop.issues.severity')}</label>
          <select id="issue-severity" value={severity} onChange={(e) => set('severity', e.target.value)}>
            <option value="">{t('workshop.all')}</option>
            <SeverityOptions />
          </select>
        </div>
        <div className="field">
          <label htmlFor="issue-machine">{t('workshop.issues.machine')}</label>
          <select id="issue-machine" value={machineId} onChange={(e) => set('machine', e.target.value)}>
            <option value="">{t('workshop.allMachines')}</option>
            {[...(machines.data ?? [])]
              .sort((a, b) => a.name.localeCompare(b.name))
              .map((m) => (
                <option key={m.id} value={m.id}>
                  {m.name}
                </option>
              ))}
            {/* A machine in the address that the list does not (yet) hold stays selectable. */}
            {machineId && machines.data && !machines.data.some((m) => m.id === machineId) && <option value={machineId}>{machineId}</option>}
          </select>
        </div>
      </div>
      <section className="card">
        <QueryState isPending={issues.isPending} error={issues.error} onRetry={() => void issues.refetch()}>
          {items.length === 0 ? <EmptyState>{t('workshop.issues.none')}</EmptyState> : <IssueList issues={items} />}
          {issues.hasNextPage && (
            <button type="button" className="btn btn--ghost" onClick={() => void issues.fetchNextPage()} disabled={issues.isFetchingNextPage}>
              {t('workshop.loadMore')}
            </button>
          )}
        </QueryState>
      </section>
    </div>
  );
}

/** The owner's fleet-wide "operators may resolve issues" (a machine's own setting wins). */
function FleetPolicy() {
  const { t } = useTranslation();
  const { query, save } = useFleetIssuePolicy();
  return (
    <div className="card pad">
      <label className="check">
        <input
          type="checkbox"
          checked={query.data?.operatorsMayResolve ?? false}
          disabled={query.isPending || save.isPending}
          onChange={(e) => save.mutate(e.target.checked)}
        />
        {t('workshop.issues.operatorsMayResolveFleet')}
      </label>
      <p className="muted small">{t('workshop.issues.operatorsMayResolveFleetHint')}</p>
      <FormError error={save.error} />
    </div>
  );
}
