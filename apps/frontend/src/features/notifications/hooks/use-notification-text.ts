import { useCallback } from 'react';
import { useTranslation } from 'react-i18next';
import { describeNotification } from '../lib/notification-text';
import type { AppNotification } from '@/lib/types';

export function useNotificationText() {
  const { t, i18n } = useTranslation();
  return useCallback(
    (n: AppNotification) => describeNotification(n, t, (k, o) => i18n.exists(k, o), i18n.language),
    [t, i18n],
  );
}
