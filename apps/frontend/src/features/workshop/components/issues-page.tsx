import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { QueryState } from '@/components/query-state';
import { EmptyState } from '@/components/empty-state';
import { useIssues } from '../api/get-issues';
import { ISSUE_STATUSES } from '../types';
import { IssueList } from './issue-list';
import { SeverityOptions } from './severity-options';

/** Every issue of the caller's fleet, filtered by status and severity, a page at a time. */
export function IssuesPage() {
  const { t } = useTranslation();
  const [status, setStatus] = useState('OPEN');
  const [severity, setSeverity] = useState('');
  const issues = useIssues({ status, severity });
  const items = issues.data?.pages.flatMap((p) => p.items) ?? [];
  return (
    <div className="page">
      <header className="page__header">
        <h1>{t('workshop.issues.title')}</h1>
      </header>
      <div className="filters form form--grid">
        <div className="field">
          <label htmlFor="issue-status">{t('workshop.issues.status')}</label>
          <select id="issue-status" value={status} onChange={(e) => setStatus(e.target.value)}>
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
          <select id="issue-severity" value={severity} onChange={(e) => setSeverity(e.target.value)}>
            <option value="">{t('workshop.all')}</option>
            <SeverityOptions />
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
