import { useMutation, useQueryClient } from '@tanstack/react-query';
import { api } from '@/lib/api-client';
import { announceSignOut } from '@/lib/auth-channel';
import { carryOutWaiting } from '@/components/undo-toast';
import { endSession } from '@/lib/session';

/** Signs out; a delete still inside its undo window is sent first, while the session lives. */
export const logout = async () => {
  await carryOutWaiting(false);
  return api.post<void>('/auth/logout', undefined, { allowUnauthorized: true });
};

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
