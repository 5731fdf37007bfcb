import { afterEach, describe, expect, it, vi } from 'vitest';
import { deferWithUndo } from '@/components/undo-toast';
import { apiRequest } from '@/lib/api-client';
import { logout } from './logout';

afterEach(() => vi.unstubAllGlobals());

describe('signing out', () => {
  it('first sends what waits in an undo window, while the session still lives', async () => {
    const sent: string[] = [];
    vi.stubGlobal(
      'fetch',
      vi.fn(async (input: RequestInfo | URL, init?: RequestInit) => {
        const path = new URL(String(input), 'http://localhost').pathname;
        // The delete is answered after a while: signing out waits for it.
        if (init?.method === 'DELETE') await new Promise((r) => setTimeout(r, 0));
        sent.push(`${init?.method} ${path} answered`);
        return new Response(null, { status: 204 });
      }),
    );
    deferWithUndo({
      key: 'contact:u1',
      text: 'Ana was removed from your contacts.',
      undoLabel: 'Undo',
      undo: () => {},
      commit: () => apiRequest<void>('/contacts/u1', { method: 'DELETE' }),
    });
    await logout();
    expect(sent).toEqual(['DELETE /api/v1/contacts/u1 answered', 'POST /api/v1/auth/logout answered']);
  });
});
