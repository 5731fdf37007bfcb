// Builds, starts, stops and restarts the real Go server for the journeys. Its state (port,
// pid, paths) lives in a JSON file so that the test worker can restart the very process the
// global setup started, on the same port and the same SQLite file.
import { spawn, execFileSync } from 'node:child_process';
import { mkdtempSync, mkdirSync, openSync, readFileSync, writeFileSync, existsSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const here = path.dirname(fileURLToPath(import.meta.url));
export const FRONTEND_DIR = path.resolve(here, '../..');
export const REPO_ROOT = path.resolve(FRONTEND_DIR, '../..');
// Kept out of test-results/, which Playwright empties at the start of a run.
export const STATE_FILE = path.join(FRONTEND_DIR, 'node_modules', '.cache', 'fleetman-e2e', 'server.json');

export const ADMIN_EMAIL = 'admin@e2e.fleetman.test';

export interface ServerState {
  dir: string;
  binary: string;
  port: number;
  url: string;
  pid: number;
  env: Record<string, string>;
  log: string;
}

export function readState(): ServerState {
  return JSON.parse(readFileSync(STATE_FILE, 'utf8')) as ServerState;
}

function writeState(state: ServerState): void {
  mkdirSync(path.dirname(STATE_FILE), { recursive: true });
  writeFileSync(STATE_FILE, JSON.stringify(state, null, 2));
}

function portIsFree(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const srv = createServer();
    srv.unref();
    srv.on('error', () => resolve(false));
    srv.listen(port, '127.0.0.1', () => srv.close(() => resolve(true)));
  });
}

/**
 * The journeys' port: E2E_PORT when set, else the first free one of E2E_PORT_RANGE
 * ("18400-18499" by default), so that parallel work on one machine stays in known ports.
 */
async function freePort(): Promise<number> {
  if (process.env.E2E_PORT) return Number(process.env.E2E_PORT);
  const [from, to] = (process.env.E2E_PORT_RANGE ?? '18400-18499').split('-').map(Number) as [number, number];
  for (let port = from; port <= to; port++) {
    if (await portIsFree(port)) return port;
  }
  throw new Error(`no free port in ${from}-${to}`);
}

/** Builds the server from the repository, or takes FLEETMAN_BIN when it names a built one. */
export function build(): { dir: string; binary: string } {
  const dir = mkdtempSync(path.join(tmpdir(), 'fleetman-e2e-'));
  if (process.env.FLEETMAN_BIN) return { dir, binary: path.resolve(process.env.FLEETMAN_BIN) };
  const binary = path.join(dir, 'fleetman');
  execFileSync('go', ['build', '-o', binary, './apps/backend/cmd/fleetman'], { cwd: REPO_ROOT, stdio: 'inherit' });
  return { dir, binary };
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

async function waitReady(url: string, timeoutMs = 30_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    try {
      const res = await fetch(`${url}/readyz`);
      if (res.ok) return;
    } catch {
      // not listening yet
    }
    await sleep(100);
  }
  throw new Error(`the server at ${url} did not become ready in ${timeoutMs} ms`);
}

function spawnServer(state: Omit<ServerState, 'pid'>): number {
  const out = openSync(state.log, 'a');
  const child = spawn(state.binary, [], {
    cwd: REPO_ROOT,
    env: { ...process.env, ...state.env },
    stdio: ['ignore', out, out],
    detached: true,
  });
  child.unref();
  if (!child.pid) throw new Error('the server did not start');
  return child.pid;
}

export async function startFresh(): Promise<ServerState> {
  const { dir, binary } = build();
  // FLEETMAN_E2E_PORT pins the port (machines where only a range of ports may be used).
  const port = process.env.FLEETMAN_E2E_PORT ? Number(process.env.FLEETMAN_E2E_PORT) : await freePort();
  const url = `http://127.0.0.1:${port}`;
  const env = {
    HTTP_ADDR: `127.0.0.1:${port}`,
    SQLITE_PATH: path.join(dir, 'fleetman.db'),
    JWT_SECRET: 'e2e-secret-that-is-long-enough-for-hs256-0123456789',
    // The journeys register many accounts from one address.
    REGISTER_BURST_PER_CLIENT: '10000',
    DEMO_DATA: 'false',
    WEB_DIR: path.join(FRONTEND_DIR, 'dist'),
    SSE_RETRY: '500ms',
    SSE_HEARTBEAT: '5s',
    // The scheduled maintenance alarm check (5 min by default): live-dashboard
    // watches a plan cross its margin on a scheduled run.
    ALARM_CHECK_INTERVAL: '1s',
    ADMIN_EMAILS: ADMIN_EMAIL,
    ALLOWED_ORIGINS: url,
    BCRYPT_COST: '4',
    SHUTDOWN_TIMEOUT: '3s',
  };
  if (!existsSync(path.join(env.WEB_DIR, 'index.html'))) {
    throw new Error('apps/frontend/dist is not built: run `npm run build` first');
  }
  const base = { dir, binary, port, url, env, log: path.join(dir, 'server.log') };
  // The admin is the operator's (registering an ADMIN_EMAILS address grants nothing).
  execFileSync(binary, ['admin', 'create', '--email', ADMIN_EMAIL, '--name', 'Admin'], {
    env: { ...process.env, ...env },
    input: 'correct-horse-battery\n',
    stdio: ['pipe', 'ignore', 'inherit'],
  });
  const pid = spawnServer(base);
  const state = { ...base, pid };
  writeState(state);
  await waitReady(url);
  return state;
}

/** Stops the server gracefully (SIGTERM) and waits for the process to end. */
export async function stop(state: ServerState = readState()): Promise<void> {
  if (!alive(state.pid)) return;
  process.kill(state.pid, 'SIGTERM');
  const deadline = Date.now() + 10_000;
  while (alive(state.pid) && Date.now() < deadline) await sleep(50);
  if (alive(state.pid)) process.kill(state.pid, 'SIGKILL');
}

/** Starts the stopped server again (same binary, port and store) and waits until it is ready. */
export async function start(): Promise<ServerState> {
  const state = readState();
  const pid = spawnServer(state);
  const next = { ...state, pid };
  writeState(next);
  await waitReady(state.url);
  return next;
}

/** Starts the same binary again on the same port and store file. */
export async function restart(downMs = 0): Promise<ServerState> {
  const state = readState();
  await stop(state);
  if (downMs > 0) await sleep(downMs);
  const pid = spawnServer(state);
  const next = { ...state, pid };
  writeState(next);
  await waitReady(state.url);
  return next;
}

export function serverLog(): string {
  try {
    return readFileSync(readState().log, 'utf8');
  } catch {
    return '';
  }
}
