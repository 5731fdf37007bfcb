import { copyFileSync, mkdirSync, rmSync } from 'node:fs';
import path from 'node:path';
import { FRONTEND_DIR, readState, stop } from './support/server';

export default async function globalTeardown(): Promise<void> {
  try {
    const state = readState();
    await stop(state);
    const out = path.join(FRONTEND_DIR, 'test-results');
    mkdirSync(out, { recursive: true });
    copyFileSync(state.log, path.join(out, 'server.log'));
    rmSync(state.dir, { recursive: true, force: true });
  } catch (err) {
    console.warn('[e2e] teardown:', err);
  }
}
