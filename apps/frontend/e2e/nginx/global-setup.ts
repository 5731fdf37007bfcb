import { mkdirSync } from 'node:fs';
import path from 'node:path';
import { FRONTEND_DIR } from '../support/server';
import { startStack, stopStack, readStack } from './stack';

export default async function globalSetup(): Promise<void> {
  mkdirSync(path.join(FRONTEND_DIR, 'test-results'), { recursive: true });
  try {
    const state = await startStack();
    process.env.FLEETMAN_URL = state.url;
    console.log(`[e2e:nginx] nginx at ${state.url} in front of ${state.instances.join(', ')} (logs in ${state.dir})`);
  } catch (err) {
    await stopStack(readStack()).catch(() => undefined);
    throw err;
  }
}
