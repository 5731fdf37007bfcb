import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';
import { formatRelative } from '@/lib/format';
import { issueTitle } from '../labels';
import type { Issue } from '../types';

/** Rows of issues, each linking to its page. */
export function IssueList({ issues, showMachine = true }: { issues: Issue[]; showMachine?: boolean }) {
  const { t, i18n } = useTranslation();
  return (
    <ul className="rows" data-testid="issue-list">
      {issues.map((i) => (
        <li key={i.id} className="row" data-testid="issue-row" data-status={i.status}>
          <div className="row__main">
            <Link to={`/issues/${i.id}`}>
              <strong>{issueTitle(i, t, i18n.exists)}</strong>
            </Link>
            <span className="muted small">
              {showMachine && `${i.machineName} · `}
              {formatRelative(i.createdAt, i18n.language)}
            </span>
          </div>
          <span className={`pill pill--${i.severity.toLowerCase()}`}>{t(`workshop.severity.${i.severity}`)}</span>
          <span className="pill" data-testid="issue-status">{t(`workshop.issueStatus.${i.status}`)}</span>
        </li>
      ))}
    </ul>
  );
}
