import '@testing-library/jest-dom/vitest';
import { cleanup } from '@testing-library/react';
import { afterEach, beforeEach, vi } from 'vitest';

// React reports an update outside act(...) with console.error; such a test passes while
// asserting on a half-updated screen, so it fails here instead (wrap the update in act, or
// await what the user would wait for with findBy*/waitFor).
const ACT_WARNING = /not wrapped in act\(|not configured to support act\(|inside a test was not wrapped in act/;
let actWarnings: string[] = [];
const consoleError = console.error.bind(console);

beforeEach(() => {
  actWarnings = [];
  vi.spyOn(console, 'error').mockImplementation((...args: unknown[]) => {
    const text = args.map(String).join(' ');
    if (ACT_WARNING.test(text)) actWarnings.push(text);
    consoleError(...args);
  });
});

afterEach(() => {
  cleanup();
  vi.mocked(console.error).mockRestore?.();
  const warnings = actWarnings;
  actWarnings = [];
  if (warnings.length > 0) {
    throw new Error(`React act(...) warning in this test:\n${warnings.join('\n')}`);
  }
});
