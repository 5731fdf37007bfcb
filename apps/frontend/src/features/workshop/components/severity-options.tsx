import { useTranslation } from 'react-i18next';
import { SEVERITIES } from '../types';

/** The severities as options of a select, in the reader's language. */
export function SeverityOptions() {
  const { t } = useTranslation();
  return (
    <>
      {SEVERITIES.map((s) => (
        <option key={s} value={s}>
          {t(`workshop.severity.${s}`)}
        </option>
      ))}
    </>
  );
}
