import { useTranslation } from 'react-i18next';
import { errorMessage } from '@/lib/error-message';

/** The error of a failed form submission, announced to screen readers. */
export function FormError({ error, message }: { error: unknown; message?: string }) {
  const { t } = useTranslation();
  if (!error && !message) return null;
  return (
    <p className="form-error" role="alert">
      {message ?? errorMessage(error, t)}
    </p>
  );
}
