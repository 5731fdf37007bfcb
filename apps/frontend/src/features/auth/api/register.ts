import { useMutation, useQueryClient } from '@tanstack/react-query';
import { api } from '@/lib/api-client';
import { beginSession } from '@/lib/session';
import type { AuthAnswer, RegisterInput } from '@/lib/types';

export type { RegisterInput };

export const register = (input: RegisterInput) => api.post<AuthAnswer>('/auth/register', input);

export function useRegister() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: register,
    onSuccess: (answer) => beginSession(queryClient, answer.user),
  });
}
