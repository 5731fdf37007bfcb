import { useMutation, useQueryClient } from '@tanstack/react-query';
import { api } from '@/lib/api-client';
import { announceSignOut } from '@/lib/auth-channel';
import { endSession } from '@/lib/session';

export const logout = () => api.post<void>('/auth/logout', undefined, { allowUnauthorized: true });

export function useLogout() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: logout,
    onSettled: () => {
      announceSignOut();
      endSession(queryClient, { expired: false });
    },
  });
}
