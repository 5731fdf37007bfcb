import { mkdirSync } from 'node:fs';
import path from 'node:path';
import { FRONTEND_DIR, startFresh } from './support/server';

export default async function globalSetup(): Promise<void> {
  mkdirSync(path.join(FRONTEND_DIR, 'test-results'), { recursive: true });
  const state = await startFresh();
  process.env.FLEETMAN_URL = state.url;
  console.log(`[e2e] fleetman server at ${state.url} (pid ${state.pid}, store ${state.env.SQLITE_PATH})`);
}
