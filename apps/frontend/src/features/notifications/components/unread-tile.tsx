import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';
import { useUnreadCount } from '../api/get-unread-count';

export function UnreadTile() {
  const { t } = useTranslation();
  const { data } = useUnreadCount();
  return (
    <Link to="/notifications?status=unread" className="tile" data-testid="tile-unread">
      <span className="tile__value">{data?.count ?? '—'}</span>
      <span className="tile__label">{t('dashboard.unread')}</span>
    </Link>
  );
}
