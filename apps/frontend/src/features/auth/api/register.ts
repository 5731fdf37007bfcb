import { useMutation, useQueryClient } from '@tanstack/react-query';
import { api } from '@/lib/apiClient';
import { queryKeys } from '@/lib/queryKeys';
import { sessionEnded } from '@/lib/session';
import type { AuthAnswer } from '@/lib/types';

export interface RegisterInput {
  email: string;
  password: string;
  name: string;
  businessName: string;
}

export const register = (input: RegisterInput) => api.post<AuthAnswer>('/auth/register', input);

export function useRegister() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: register,
    onSuccess: (answer) => {
      sessionEnded.reset();
      queryClient.removeQueries({ predicate: (q) => q.queryKey[0] !== queryKeys.me[0] });
      queryClient.setQueryData(queryKeys.me, answer.user);
    },
  });
}
