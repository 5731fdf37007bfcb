import { useEffect, useState } from 'react';
import { useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { useStreamStatus } from '@/lib/stream-status';
import { useApiStatus } from '@/lib/api-status';

/** How often the banner asks the API again while it cannot be reached. */
export const API_RETRY_MS = 5000;

/**
 * A clear banner while the live stream or the API is down: what is wrong, when the next try is,
 * and a button to try now. Shown after a short grace period so that a quick reconnect does not
 * flash. While the API cannot be reached the banner itself refetches what is on screen.
 */
export function OutageBanner({ graceMs = 1500, apiRetryMs = API_RETRY_MS }: { graceMs?: number; apiRetryMs?: number }) {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const { status, retryAt, retryNow } = useStreamStatus();
  const apiDown = useApiStatus((s) => s.unreachable);
  const streamDown = status === 'reconnecting';
  const down = streamDown || apiDown;
  const [visible, setVisible] = useState(false);
  const [now, setNow] = useState(() => Date.now());
  const [apiRetryAt, setApiRetryAt] = useState<number | null>(null);

  useEffect(() => {
    if (!down) return;
    const grace = setTimeout(() => setVisible(true), graceMs);
    const tick = setInterval(() => setNow(Date.now()), 500);
    return () => {
      clearTimeout(grace);
      clearInterval(tick);
      setVisible(false); // the next outage waits out the grace period again
    };
  }, [down, graceMs]);

  const refetchScreen = () => void queryClient.refetchQueries({ type: 'active' });

  useEffect(() => {
    if (!apiDown) return; // a stale apiRetryAt is ignored below while the API answers
    const first = setTimeout(() => setApiRetryAt(Date.now() + apiRetryMs), 0);
    const timer = setInterval(() => {
      setApiRetryAt(Date.now() + apiRetryMs);
      void queryClient.refetchQueries({ type: 'active' });
    }, apiRetryMs);
    return () => {
      clearTimeout(first);
      clearInterval(timer);
    };
  }, [apiDown, apiRetryMs, queryClient]);

  if (!down || !visible) return null;
  const next = [streamDown ? retryAt : null, apiDown ? apiRetryAt : null].filter((v): v is number => v !== null);
  const seconds = next.length > 0 ? Math.max(0, Math.ceil((Math.min(...next) - now) / 1000)) : null;
  return (
    <div className="outage" role="alert" data-testid="outage-banner" data-cause={apiDown ? 'api' : 'stream'}>
      <span>{apiDown ? t('app.stream.apiOutage') : t('app.stream.outage')}</span>
      {seconds !== null && <span className="outage__retry">{t('app.stream.retryingIn', { seconds })}</span>}
      <button
        type="button"
        className="btn btn--small btn--secondary"
        onClick={() => {
          if (streamDown) retryNow();
          refetchScreen();
        }}
      >
        {t('app.stream.retryNow')}
      </button>
    </div>
  );
}
