import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router-dom';
import { QueryState } from '@/components/query-state';
import { FormError } from '@/components/form-error';
import { ApiError } from '@/lib/api-client';
import { formatDateTime } from '@/lib/format';
import type { User } from '@/lib/types';
import { useIssue } from '../api/get-issue';
import { useIssueActions } from '../api/change-issue';
import { issueTitle } from '../labels';

/** One issue: its steps, what the caller may do with it, and its comments. */
export function IssueDetailPage({ people }: { people: User[] }) {
  const { t, i18n } = useTranslation();
  const { issueId = '' } = useParams();
  const issue = useIssue(issueId);
  const actions = useIssueActions(issueId);
  const [comment, setComment] = useState('');
  const name = (id?: string) => people.find((p) => p.id === id)?.name ?? t('workshop.someone');
  const i = issue.data;
  const notFound = issue.error instanceof ApiError && issue.error.status === 404;
  const submit = (e: FormEvent) => {
    e.preventDefault();
    actions.comment.mutate(comment, { onSuccess: () => setComment('') });
  };
  const open = i && (i.status === 'OPEN' || i.status === 'ACKNOWLEDGED');
  return (
    <div className="page">
      <Link to="/issues" className="back-link">
        ← {t('workshop.issues.back')}
      </Link>
      {notFound ? (
        <p className="callout">{t('workshop.issues.notFound')}</p>
      ) : (
        <QueryState isPending={issue.isPending} error={issue.error} onRetry={() => void issue.refetch()}>
          {i && (
            <>
              <header className="page__header">
                <div>
                  <h1>{issueTitle(i, t, i18n.exists)}</h1>
                  <p className="muted">
                    <Link to={`/machines/${i.machineId}`}>{i.machineName}</Link> · {t(`workshop.severity.${i.severity}`)}
                  </p>
                </div>
                <span className="pill" data-testid="issue-status">
                  {t(`workshop.issueStatus.${i.status}`)}
                </span>
              </header>
              <section className="card stack pad">
                {i.description && <p data-testid="issue-description">{i.description}</p>}
                <ul className="small muted" data-testid="issue-steps">
                  <li>{t('workshop.issues.opened', { name: name(i.reporterId), at: formatDateTime(i.createdAt, i18n.language) })}</li>
                  {i.acknowledgedAt && (
                    <li>{t('workshop.issues.acknowledged', { name: name(i.acknowledgedBy), at: formatDateTime(i.acknowledgedAt, i18n.language) })}</li>
                  )}
                  {i.closedAt && (
                    <li>
                      {t(`workshop.issues.closed.${i.status}`, { name: name(i.closedBy), at: formatDateTime(i.closedAt, i18n.language) })}
                      {i.workOrderId && (
                        <>
                          {' '}
                          <Link to={`/work-orders/${i.workOrderId}`}>{t('workshop.issues.byWorkOrder')}</Link>
                        </>
                      )}
                    </li>
                  )}
                </ul>
                {open && i.canResolve && (
                  <div className="actions">
                    {i.status === 'OPEN' && (
                      <button type="button" className="btn" onClick={() => actions.status.mutate('ACKNOWLEDGED')}>
                        {t('workshop.issues.acknowledge')}
                      </button>
                    )}
                    <button type="button" className="btn btn--primary" onClick={() => actions.status.mutate('RESOLVED')}>
                      {t('workshop.issues.resolve')}
                    </button>
                    <button type="button" className="btn btn--ghost" onClick={() => actions.status.mutate('WONT_FIX')}>
                      {t('workshop.issues.wontFix')}
                    </button>
                  </div>
                )}
                {open && i.role === 'owner' && (
                  <Link className="btn" to={`/machines/${i.machineId}/work-orders/new?issue=${i.id}`}>
                    {t('workshop.workOrders.createFromIssue')}
                  </Link>
                )}
                <FormError error={actions.status.error} />
              </section>
              <section className="card" aria-labelledby="comments-title">
                <header className="card__header">
                  <h2 id="comments-title">{t('workshop.issues.comments')}</h2>
                </header>
                <ul className="rows" data-testid="issue-comments">
                  {i.comments.map((c) => (
                    <li key={c.id} className="row">
                      <div className="row__main">
                        <strong>{name(c.authorId)}</strong>
                        <span>{c.body}</span>
                      </div>
                      <span className="muted small">{formatDateTime(c.createdAt, i18n.language)}</span>
                    </li>
                  ))}
                </ul>
                <form className="subform form" onSubmit={submit}>
                  <div className="field">
                    <label htmlFor="issue-comment">{t('workshop.issues.addComment')}</label>
                    <textarea id="issue-comment" value={comment} maxLength={2000} onChange={(e) => setComment(e.target.value)} />
                  </div>
                  <FormError error={actions.comment.error} />
                  <button type="submit" className="btn" disabled={!comment.trim() || actions.comment.isPending}>
                    {t('workshop.issues.send')}
                  </button>
                </form>
              </section>
            </>
          )}
        </QueryState>
      )}
    </div>
  );
}
