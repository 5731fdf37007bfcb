import { useEffect, useState, type ReactNode } from 'react';
import { QueryClientProvider, useQueryClient } from '@tanstack/react-query';
import { I18nextProvider } from 'react-i18next';
import i18n from '@/lib/i18n';
import { setUnauthorizedHandler } from '@/lib/api-client';
import { onSignOutElsewhere } from '@/lib/auth-channel';
import { createQueryClient } from '@/lib/query-client';
import { queryKeys } from '@/lib/query-keys';
import { endSession } from '@/lib/session';
import { useNotificationObserver, type NotificationObserverOptions } from '@/features/notifications';
import type { User } from '@/lib/types';

/** Session wiring and the one stream observer, for as long as someone is signed in. */
function Session({ createClient }: Pick<NotificationObserverOptions, 'createClient'>) {
  const queryClient = useQueryClient();
  const [signedIn, setSignedIn] = useState(() => Boolean(queryClient.getQueryData<User | null>(queryKeys.me)));

  useEffect(() => {
    const update = () => setSignedIn(Boolean(queryClient.getQueryData<User | null>(queryKeys.me)));
    update();
    return queryClient.getQueryCache().subscribe((event) => {
      if (event.query.queryKey[0] === queryKeys.me[0]) update();
    });
  }, [queryClient]);

  useEffect(() => {
    setUnauthorizedHandler(() => endSession(queryClient, { expired: true }));
    const off = onSignOutElsewhere(() => endSession(queryClient, { expired: false }));
    return () => {
      setUnauthorizedHandler(null);
      off();
    };
  }, [queryClient]);

  useNotificationObserver({
    enabled: signedIn,
    createClient,
    onUnauthorized: () => endSession(queryClient, { expired: true }),
  });
  return null;
}

interface AppProviderProps extends Pick<NotificationObserverOptions, 'createClient'> {
  children: ReactNode;
  queryClient?: ReturnType<typeof createQueryClient>;
}

export function AppProvider({ children, queryClient, createClient }: AppProviderProps) {
  const [client] = useState(() => queryClient ?? createQueryClient());
  return (
    <QueryClientProvider client={client}>
      <I18nextProvider i18n={i18n}>
        <Session createClient={createClient} />
        {children}
      </I18nextProvider>
    </QueryClientProvider>
  );
}
