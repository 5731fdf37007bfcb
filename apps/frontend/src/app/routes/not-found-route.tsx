import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';

export function NotFoundRoute() {
  const { t } = useTranslation();
  return (
    <div className="page center pad">
      <h1>404</h1>
      <p>{t('app.notFound')}</p>
      <Link to="/">{t('app.backHome')}</Link>
    </div>
  );
}
