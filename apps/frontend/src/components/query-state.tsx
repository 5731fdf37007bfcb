import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { errorMessage } from '@/lib/error-message';
import { Spinner } from './spinner';

interface QueryStateProps {
  isPending: boolean;
  error: unknown;
  onRetry?: () => void;
  children: ReactNode;
}

/** Loading and error states for one query, then its content. */
export function QueryState({ isPending, error, onRetry, children }: QueryStateProps) {
  const { t } = useTranslation();
  if (error) {
    return (
      <div className="callout callout--error" role="alert">
        <p>{errorMessage(error, t)}</p>
        {onRetry && (
          <button type="button" className="btn btn--ghost" onClick={onRetry}>
            {t('app.retry')}
          </button>
        )}
      </div>
    );
  }
  if (isPending) return <Spinner />;
  return <>{children}</>;
}
