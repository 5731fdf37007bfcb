import { queryOptions, useQuery } from '@tanstack/react-query';
import { api } from '@/lib/api-client';
import { queryKeys } from '@/lib/query-keys';
import type { Contact } from '@/lib/types';

export const getContacts = (signal?: AbortSignal) => api.get<Contact[]>('/contacts', undefined, signal);

export const contactsQueryOptions = () =>
  queryOptions({ queryKey: queryKeys.contacts.list, queryFn: ({ signal }) => getContacts(signal) });

export function useContacts() {
  return useQuery(contactsQueryOptions());
}
