import { copyFileSync, mkdirSync, readdirSync, rmSync } from 'node:fs';
import path from 'node:path';
import { FRONTEND_DIR } from '../support/server';
import { readStack, stopStack } from './stack';

export default async function globalTeardown(): Promise<void> {
  try {
    const state = readStack();
    await stopStack(state);
    const out = path.join(FRONTEND_DIR, 'test-results', 'nginx');
    mkdirSync(out, { recursive: true });
    for (const f of readdirSync(state.dir)) if (f.endsWith('.log')) copyFileSync(path.join(state.dir, f), path.join(out, f));
    copyFileSync(path.join(state.dir, 'nginx', 'error.log'), path.join(out, 'nginx-error.log'));
    rmSync(state.dir, { recursive: true, force: true });
  } catch (err) {
    console.warn('[e2e:nginx] teardown:', err);
  }
}
