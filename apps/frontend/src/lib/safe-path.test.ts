import { describe, expect, it } from 'vitest';
import { isSameOriginPath } from './safe-path';

describe('isSameOriginPath', () => {
  it('accepts app paths only', () => {
    for (const ok of ['/', '/machines', '/messages/abc?x=1#y']) expect(isSameOriginPath(ok)).toBe(true);
    for (const bad of ['//evil.example/phish', '/\\evil.example', '/\t/evil.example', 'https://evil.example',
      'javascript:alert(1)', 'machines', '', null, undefined]) expect(isSameOriginPath(bad)).toBe(false);
  });
});
