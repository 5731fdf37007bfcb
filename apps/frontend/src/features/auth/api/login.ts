import { useMutation, useQueryClient } from '@tanstack/react-query';
import { api } from '@/lib/api-client';
import { beginSession } from '@/lib/session';
import type { AuthAnswer, LoginInput } from '@/lib/types';

export type { LoginInput };

export const login = (input: LoginInput) => api.post<AuthAnswer>('/auth/login', input, { allowUnauthorized: true });

export function useLogin() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: login,
    onSuccess: (answer) => beginSession(queryClient, answer.user),
  });
}
