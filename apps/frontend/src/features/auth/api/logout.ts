import { useMutation, useQueryClient } from '@tanstack/react-query';
import { api } from '@/lib/apiClient';
import { announceSignOut } from '@/lib/authChannel';
import { queryKeys } from '@/lib/queryKeys';

export const logout = () => api.post<void>('/auth/logout', undefined, { allowUnauthorized: true });

export function useLogout() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: logout,
    onSettled: () => {
      announceSignOut();
      queryClient.setQueryData(queryKeys.me, null);
      queryClient.removeQueries({ predicate: (q) => q.queryKey[0] !== queryKeys.me[0] });
    },
  });
}
