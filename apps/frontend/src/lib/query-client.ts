import { QueryClient } from '@tanstack/react-query';
import { ApiError } from './api-client';

export function createQueryClient(): QueryClient {
  return new QueryClient({
    defaultOptions: {
      queries: {
        staleTime: 30_000,
        retry: (count, err) => {
          if (err instanceof ApiError && err.status >= 400 && err.status < 500 && err.status !== 429) return false;
          return count < 2;
        },
      },
      mutations: { retry: false },
    },
  });
}
