import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useStreamStatus } from '@/lib/streamStatus';

/**
 * A clear banner while the live stream is down: what is wrong, when the next try is, and a
 * button to try now. Shown after a short grace period so that a quick reconnect does not flash.
 */
export function OutageBanner({ graceMs = 1500 }: { graceMs?: number }) {
  const { t } = useTranslation();
  const { status, retryAt, retryNow } = useStreamStatus();
  const down = status === 'reconnecting';
  const [visible, setVisible] = useState(false);
  const [now, setNow] = useState(() => Date.now());

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

  if (!down || !visible) return null;
  const seconds = retryAt ? Math.max(0, Math.ceil((retryAt - now) / 1000)) : null;
  return (
    <div className="outage" role="alert" data-testid="outage-banner">
      <span>{t('app.stream.outage')}</span>
      {seconds !== null && <span className="outage__retry">{t('app.stream.retryingIn', { seconds })}</span>}
      <button type="button" className="btn btn--small btn--secondary" onClick={() => retryNow()}>
        {t('app.stream.retryNow')}
      </button>
    </div>
  );
}
