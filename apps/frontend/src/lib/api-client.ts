// One fetch wrapper for the API: cookie auth, JSON in and out, errors as ApiError, and a
// single place where a 401 turns into "go to the sign-in page".
import { isUnreachableStatus, useApiStatus } from './api-status';
import type { ApiErrorBody } from './types';

export type { ApiErrorBody };

export const API_BASE = '/api/v1';

export class ApiError extends Error {
  readonly status: number;
  readonly code: string;
  readonly fields: Record<string, string>;
  readonly retryAfter: number | null;

  constructor(status: number, body: ApiErrorBody | null, retryAfter: number | null = null) {
    super(body?.error?.message ?? `Request failed with status ${status}`);
    this.name = 'ApiError';
    this.status = status;
    this.code = body?.error?.code ?? (status === 0 ? 'NETWORK' : 'INTERNAL');
    this.fields = body?.error?.fields ?? {};
    this.retryAfter = retryAfter;
  }
}

type UnauthorizedHandler = () => void;
let unauthorizedHandler: UnauthorizedHandler | null = null;

/** The app registers what a 401 means (clear the session, show the sign-in page). */
export function setUnauthorizedHandler(handler: UnauthorizedHandler | null): void {
  unauthorizedHandler = handler;
}

export interface RequestOptions {
  method?: 'GET' | 'POST' | 'PATCH' | 'PUT' | 'DELETE';
  /** Sent as JSON; a FormData is sent as is (a multipart upload, its boundary set by the browser). */
  body?: unknown;
  query?: Record<string, string | number | boolean | null | undefined>;
  signal?: AbortSignal;
  /** For sign-in: a 401 there means wrong credentials, not an expired session. */
  allowUnauthorized?: boolean;
  /** The request outlives the page (sent while the page is being left). */
  keepalive?: boolean;
}

export function apiUrl(path: string, query?: RequestOptions['query']): string {
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(query ?? {})) {
    if (value !== undefined && value !== null && value !== '') params.set(key, String(value));
  }
  const qs = params.toString();
  return `${API_BASE}${path}${qs ? `?${qs}` : ''}`;
}

export async function apiRequest<T>(path: string, options: RequestOptions = {}): Promise<T> {
  const { method = 'GET', body, query, signal, allowUnauthorized, keepalive } = options;
  const form = body instanceof FormData;
  let response: Response;
  try {
    response = await fetch(apiUrl(path, query), {
      method,
      credentials: 'include',
      headers: {
        Accept: 'application/json',
        ...(body !== undefined && !form ? { 'Content-Type': 'application/json' } : {}),
      },
      body: body === undefined ? undefined : form ? body : JSON.stringify(body),
      signal,
      ...(keepalive ? { keepalive } : {}),
    });
  } catch (err) {
    if ((err as Error)?.name === 'AbortError') throw err;
    useApiStatus.getState().setUnreachable(true);
    throw new ApiError(0, { error: { code: 'NETWORK', message: 'Network error' } });
  }
  useApiStatus.getState().setUnreachable(isUnreachableStatus(response.status));

  if (response.status === 401 && !allowUnauthorized) {
    unauthorizedHandler?.();
  }
  if (!response.ok) {
    let payload: ApiErrorBody | null;
    try {
      payload = (await response.json()) as ApiErrorBody;
    } catch {
      payload = null;
    }
    const retryAfter = Number(response.headers.get('Retry-After'));
    throw new ApiError(response.status, payload, Number.isFinite(retryAfter) && retryAfter > 0 ? retryAfter : null);
  }
  if (response.status === 204) return undefined as T;
  const text = await response.text();
  return (text ? JSON.parse(text) : undefined) as T;
}

export const api = {
  get: <T>(path: string, query?: RequestOptions['query'], signal?: AbortSignal) =>
    apiRequest<T>(path, { query, signal }),
  post: <T>(path: string, body?: unknown, options: Omit<RequestOptions, 'method' | 'body'> = {}) =>
    apiRequest<T>(path, { ...options, method: 'POST', body }),
  patch: <T>(path: string, body?: unknown) => apiRequest<T>(path, { method: 'PATCH', body }),
  put: <T>(path: string, body?: unknown) => apiRequest<T>(path, { method: 'PUT', body }),
  delete: <T = void>(path: string) => apiRequest<T>(path, { method: 'DELETE' }),
};
