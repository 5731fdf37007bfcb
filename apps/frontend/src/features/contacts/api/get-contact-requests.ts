import { queryOptions, useQuery } from '@tanstack/react-query';
import { api } from '@/lib/api-client';
import { queryKeys } from '@/lib/query-keys';
import type { ContactRequests } from '@/lib/types';

export const getContactRequests = (signal?: AbortSignal) =>
  api.get<ContactRequests>('/contacts/requests', undefined, signal);

export const contactRequestsQueryOptions = () =>
  queryOptions({ queryKey: queryKeys.contacts.requests, queryFn: ({ signal }) => getContactRequests(signal) });

export function useContactRequests() {
  return useQuery(contactRequestsQueryOptions());
}
