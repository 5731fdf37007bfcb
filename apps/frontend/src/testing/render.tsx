import type { ReactElement, ReactNode } from 'react';
import { render } from '@testing-library/react';
import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { MemoryRouter, type InitialEntry } from 'react-router-dom';
import '@/lib/i18n';

/** `route`: a path, or a location with state (e.g. the sign-in page's `from`). */
export function renderWithProviders(ui: ReactElement, { route = '/' }: { route?: InitialEntry } = {}) {
  const queryClient = new QueryClient({ defaultOptions: { queries: { retry: false }, mutations: { retry: false } } });
  const wrapper = ({ children }: { children: ReactNode }) => (
    <QueryClientProvider client={queryClient}>
      <MemoryRouter initialEntries={[route]}>{children}</MemoryRouter>
    </QueryClientProvider>
  );
  return { queryClient, ...render(ui, { wrapper }) };
}

type Handler = (req: { method: string; url: URL; body: unknown }) => { status?: number; body?: unknown } | undefined;

/** A fetch stand-in that answers API calls from a table of handlers and records them (JSON bodies parsed, FormData as is). */
export function mockApi(handler: Handler) {
  const calls: Array<{ method: string; path: string; body: unknown }> = [];
  const fetchMock = async (input: RequestInfo | URL, init?: RequestInit) => {
    const url = new URL(String(input), 'http://localhost');
    const method = init?.method ?? 'GET';
    // A multipart upload is recorded as its FormData; every other body is JSON.
    const body = init?.body instanceof FormData ? init.body : init?.body ? JSON.parse(String(init.body)) : undefined;
    calls.push({ method, path: url.pathname + url.search, body });
    const answer = handler({ method, url, body }) ?? { status: 404, body: { error: { code: 'NOT_FOUND', message: 'nope' } } };
    const status = answer.status ?? 200;
    return new Response(status === 204 ? null : JSON.stringify(answer.body ?? {}), {
      status,
      headers: { 'Content-Type': 'application/json' },
    });
  };
  return { fetchMock, calls };
}
