import { describe, expect, it } from 'vitest';
import { safeReturnPath } from './return-path';

describe('safeReturnPath', () => {
  it('keeps a path of this app, with its query', () => {
    expect(safeReturnPath('/machines/abc?tab=plans')).toBe('/machines/abc?tab=plans');
  });
  it('refuses other origins and the sign-in pages', () => {
    for (const bad of ['//evil.example/x', '/\\evil.example', 'https://evil.example/', 'javascript:alert(1)', '/login', '/register', null, 42]) {
      expect(safeReturnPath(bad)).toBe('/');
    }
  });
});
