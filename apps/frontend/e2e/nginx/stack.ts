// Starts and stops the journey's stack behind nginx: a redis-server, two Go servers on one SQLite
// file and Redis, and Debian's nginx running the shipped deploy/nginx/fleetman.conf with a
// self-signed certificate. Its state (pids, URLs) lives in a JSON file for the teardown and tests.
import { execFileSync, spawn } from 'node:child_process';
import { existsSync, mkdirSync, openSync, readFileSync, writeFileSync } from 'node:fs';
import { createServer, connect } from 'node:net';
import path from 'node:path';
import { ADMIN_EMAIL, FRONTEND_DIR, REPO_ROOT, build } from '../support/server';

export const NGINX_STATE_FILE = path.join(FRONTEND_DIR, 'node_modules', '.cache', 'fleetman-e2e', 'nginx.json');

export interface StackState {
  dir: string;
  url: string; // https://127.0.0.1:port (nginx)
  instances: string[]; // http://127.0.0.1:port of each Go server, for their own /metrics
  pids: number[]; // nginx, the servers, redis (stopped in this order)
}

export function readStack(): StackState {
  return JSON.parse(readFileSync(NGINX_STATE_FILE, 'utf8')) as StackState;
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = createServer();
    srv.on('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const a = srv.address();
      srv.close(() => resolve(typeof a === 'object' && a ? a.port : 0));
    });
  });
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

function which(...candidates: string[]): string {
  for (const c of candidates) {
    if (c.includes('/') ? existsSync(c) : spawnOk('sh', ['-c', `command -v ${c}`])) return c;
  }
  throw new Error(`none of ${candidates.join(', ')} is installed: run \`bash scripts/install-deps.sh redis nginx\``);
}

function spawnOk(cmd: string, args: string[]): boolean {
  try {
    execFileSync(cmd, args, { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
}

function launch(cmd: string, args: string[], log: string, env: Record<string, string> = {}): number {
  const out = openSync(log, 'a');
  const child = spawn(cmd, args, { cwd: REPO_ROOT, env: { ...process.env, ...env }, stdio: ['ignore', out, out], detached: true });
  child.unref();
  if (!child.pid) throw new Error(`${cmd} did not start`);
  return child.pid;
}

async function until(what: string, ok: () => Promise<boolean>, timeoutMs = 30_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (await ok().catch(() => false)) return;
    await sleep(100);
  }
  throw new Error(`${what} did not come up in ${timeoutMs} ms`);
}

const listening = (port: number) =>
  new Promise<boolean>((resolve) => {
    const s = connect(port, '127.0.0.1');
    s.on('connect', () => (s.destroy(), resolve(true)));
    s.on('error', () => resolve(false));
  });

export async function startStack(): Promise<StackState> {
  const redisBin = which('redis-server');
  const nginxBin = which('nginx', '/usr/sbin/nginx');
  const { dir, binary } = build();
  const webDir = path.join(FRONTEND_DIR, 'dist');
  if (!existsSync(path.join(webDir, 'index.html'))) throw new Error('apps/frontend/dist is not built: run `npm run build` first');
  const pids: number[] = [];
  const state: StackState = { dir, url: '', instances: [], pids };
  const save = () => {
    mkdirSync(path.dirname(NGINX_STATE_FILE), { recursive: true });
    writeFileSync(NGINX_STATE_FILE, JSON.stringify(state, null, 2));
  };

  const redisPort = await freePort();
  pids.unshift(launch(redisBin, ['--bind', '127.0.0.1', '--port', String(redisPort), '--save', '', '--appendonly', 'no', '--dir', dir], path.join(dir, 'redis.log')));
  save();
  await until('redis-server', () => listening(redisPort));

  const httpsPort = await freePort();
  const httpPort = await freePort();
  const url = `https://127.0.0.1:${httpsPort}`;
  const shared = {
    SQLITE_PATH: path.join(dir, 'fleetman.db'),
    REDIS_URL: `redis://127.0.0.1:${redisPort}/0`,
    JWT_SECRET: 'e2e-secret-that-is-long-enough-for-hs256-0123456789',
    // The journeys register many accounts from one address.
    REGISTER_BURST_PER_CLIENT: '10000',
    DEMO_DATA: 'false',
    WEB_DIR: webDir,
    SSE_RETRY: '500ms',
    SSE_HEARTBEAT: '5s',
    ADMIN_EMAILS: ADMIN_EMAIL,
    ALLOWED_ORIGINS: url, // the browser's origin is nginx's
    TRUSTED_PROXIES: '127.0.0.1',
    BCRYPT_COST: '4',
    SHUTDOWN_TIMEOUT: '3s',
  };
  // The admin is the operator's (registering an ADMIN_EMAILS address grants nothing).
  execFileSync(binary, ['admin', 'create', '--email', ADMIN_EMAIL, '--name', 'Admin'], {
    env: { ...process.env, ...shared },
    input: 'correct-horse-battery\n',
    stdio: ['pipe', 'ignore', 'inherit'],
  });
  for (let i = 0; i < 2; i++) {
    const port = await freePort();
    const instance = `http://127.0.0.1:${port}`;
    pids.unshift(launch(binary, [], path.join(dir, `server-${i}.log`), { ...shared, HTTP_ADDR: `127.0.0.1:${port}` }));
    state.instances.push(instance);
    save();
    // The first instance migrates the store before the second opens it.
    await until(instance, async () => (await fetch(`${instance}/readyz`)).ok);
  }

  // The certificate, and the shipped conf rendered as the nginx image's template step does.
  execFileSync('openssl', ['req', '-x509', '-newkey', 'rsa:2048', '-nodes', '-days', '1', '-subj', '/CN=127.0.0.1',
    '-addext', 'subjectAltName=IP:127.0.0.1', '-keyout', path.join(dir, 'tls.key'), '-out', path.join(dir, 'tls.crt')], { stdio: 'ignore' });
  const values: Record<string, string> = {
    FLEETMAN_UPSTREAM_SERVERS: state.instances.map((u) => `server ${new URL(u).host};`).join(' '),
    FLEETMAN_HTTPS_LISTEN: `127.0.0.1:${httpsPort}`,
    FLEETMAN_HTTP_LISTEN: `127.0.0.1:${httpPort}`,
    FLEETMAN_SERVER_NAME: '127.0.0.1',
    FLEETMAN_TLS_CERT: path.join(dir, 'tls.crt'),
    FLEETMAN_TLS_KEY: path.join(dir, 'tls.key'),
  };
  const shipped = readFileSync(path.join(REPO_ROOT, 'deploy', 'nginx', 'fleetman.conf'), 'utf8');
  const conf = shipped.replace(/\$\{(FLEETMAN_[A-Z0-9_]+)\}/g, (_, name: string) => {
    if (!(name in values)) throw new Error(`no value for ${name}`);
    return values[name]!;
  });
  mkdirSync(path.join(dir, 'nginx', 'tmp'), { recursive: true });
  writeFileSync(path.join(dir, 'nginx', 'fleetman.conf'), conf);
  const n = path.join(dir, 'nginx');
  writeFileSync(path.join(n, 'nginx.conf'), `${process.getuid?.() === 0 ? 'user root;' : ''}
worker_processes 1;
events { worker_connections 1024; }
http {
    include /etc/nginx/mime.types;
    default_type application/octet-stream;
    access_log ${n}/access.log;
    client_body_temp_path ${n}/tmp/body; proxy_temp_path ${n}/tmp/proxy;
    fastcgi_temp_path ${n}/tmp/fastcgi; uwsgi_temp_path ${n}/tmp/uwsgi; scgi_temp_path ${n}/tmp/scgi;
    include ${n}/fleetman.conf;
}
`);
  pids.unshift(launch(nginxBin, ['-c', path.join(n, 'nginx.conf'), '-p', n, '-e', path.join(n, 'error.log'),
    '-g', `daemon off; pid ${n}/nginx.pid;`], path.join(n, 'stderr.log')));
  state.url = url;
  save();
  await until('nginx', () => listening(httpsPort));
  return state;
}

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

/** Stops nginx, then the servers (SIGTERM: a graceful stop), then redis-server. */
export async function stopStack(state: StackState = readStack()): Promise<void> {
  for (const pid of state.pids) {
    if (!alive(pid)) continue;
    process.kill(pid, 'SIGTERM');
    const deadline = Date.now() + 10_000;
    while (alive(pid) && Date.now() < deadline) await sleep(50);
    if (alive(pid)) process.kill(pid, 'SIGKILL');
  }
}
