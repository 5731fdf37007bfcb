import { afterEach, describe, expect, it, vi } from 'vitest';
import { api, ApiError } from './api-client';

afterEach(() => vi.unstubAllGlobals());

function stubFetch(status: number, body: unknown) {
  const fetchMock = vi.fn(async (_url: RequestInfo | URL, _init?: RequestInit) =>
    new Response(JSON.stringify(body), { status, headers: { 'Content-Type': 'application/json' } }));
  vi.stubGlobal('fetch', fetchMock);
  return fetchMock;
}

describe('apiRequest bodies', () => {
  it('sends a value as JSON', async () => {
    const fetchMock = stubFetch(200, { ok: true });
    await api.post('/things', { a: 1 });
    const init = fetchMock.mock.calls[0][1]!;
    expect(init.body).toBe('{"a":1}');
    expect((init.headers as Record<string, string>)['Content-Type']).toBe('application/json');
  });

  it('sends a FormData as is, leaving its Content-Type (and boundary) to the browser', async () => {
    const fetchMock = stubFetch(200, { id: 'd1' });
    const form = new FormData();
    form.append('file', new File(['%PDF-1.7'], 'a.pdf'));
    expect(await api.put('/machines/m1/documents/d1/file', form)).toEqual({ id: 'd1' });
    const init = fetchMock.mock.calls[0][1]!;
    expect(init.body).toBe(form);
    expect(init.method).toBe('PUT');
    expect((init.headers as Record<string, string>)['Content-Type']).toBeUndefined();
  });

  it('turns an error body into an ApiError with its status, code and fields', async () => {
    stubFetch(413, { error: { code: 'PAYLOAD_TOO_LARGE', message: 'the file is over 10 MiB' } });
    const err = await api.put('/x', new FormData()).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(ApiError);
    expect([(err as ApiError).status, (err as ApiError).code]).toEqual([413, 'PAYLOAD_TOO_LARGE']);
  });
});
