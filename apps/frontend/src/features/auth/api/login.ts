import { useMutation, useQueryClient } from '@tanstack/react-query';
import { api } from '@/lib/apiClient';
import { queryKeys } from '@/lib/queryKeys';
import { sessionEnded } from '@/lib/session';
import type { AuthAnswer } from '@/lib/types';

export interface LoginInput {
  email: string;
  password: string;
}

export const login = (input: LoginInput) => api.post<AuthAnswer>('/auth/login', input, { allowUnauthorized: true });

export function useLogin() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: login,
    onSuccess: (answer) => {
      sessionEnded.reset();
      queryClient.removeQueries({ predicate: (q) => q.queryKey[0] !== queryKeys.me[0] });
      queryClient.setQueryData(queryKeys.me, answer.user);
    },
  });
}
