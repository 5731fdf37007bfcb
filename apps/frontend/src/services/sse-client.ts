/**
 * SSEClient: the one place that owns the live stream's connection policy.
 *
 * - wraps EventSource (with credentials, so the HttpOnly auth cookie travels);
 * - delivers named events to `on(type, fn)` listeners (each returns its unsubscribe);
 * - reconnects with exponential backoff and full jitter, capped, forever; the attempt
 *   counter is reset once a connection has stayed open for `healthyAfterMs`;
 * - resumes from the last seen id: the browser sends `Last-Event-ID` itself while it
 *   retries an EventSource, and a new EventSource gets `?lastEventId=`;
 * - when a live stream is lost without `shutdown` (a crash, a dropped network), tries again
 *   itself after a short jittered delay (`dropDelayMs`) instead of waiting the server's
 *   `retry:` (3 s), then with the backoff;
 * - reconnects at once on `online` and when a hidden tab becomes visible again;
 * - stops on `stop()` (logout) and when the server refuses the stream with 401;
 * - drops events whose id it has already delivered;
 * - holds one stream per browser: tabs elect a leader through Web Locks, and the leader
 *   shares every event with the other tabs over a BroadcastChannel.
 *
 * Framework-free: no React, no query cache. Everything time- or browser-dependent can be
 * injected so the policy is testable with fakes.
 */

export type StreamStatus =
  | 'idle'
  | 'connecting'
  | 'open'
  | 'reconnecting'
  | 'stopped'
  | 'unauthorized';

export type StreamRole = 'solo' | 'leader' | 'follower';

export interface StreamEventMeta {
  type: string;
  /** The id the server gave this event (or the last one seen before it). */
  id: string;
  /** True when a follower tab received it from the leader tab. */
  relayed: boolean;
}

export type StreamListener = (data: unknown, meta: StreamEventMeta) => void;
export type StatusListener = (status: StreamStatus, role: StreamRole) => void;

/** What the client needs from an EventSource (the browser's, or a fake in tests). */
export interface EventSourceLike {
  readonly readyState: number;
  onopen: ((ev: Event) => unknown) | null;
  onerror: ((ev: Event) => unknown) | null;
  addEventListener(type: string, listener: (ev: MessageEvent) => void): void;
  close(): void;
}

export type EventSourceFactory = (url: string, init: { withCredentials: boolean }) => EventSourceLike;

/** The part of the Web Locks API used for leader election. */
export interface LockManagerLike {
  request(
    name: string,
    options: { signal?: AbortSignal },
    callback: (lock: unknown) => Promise<unknown>,
  ): Promise<unknown>;
}

/** The part of BroadcastChannel used to share events between tabs. */
export interface ChannelLike {
  postMessage(message: unknown): void;
  onmessage: ((ev: MessageEvent) => unknown) | null;
  close(): void;
}

export interface Coordination {
  locks: LockManagerLike;
  createChannel: (name: string) => ChannelLike;
  /** Lock and channel name; tabs that share it share one stream. */
  name?: string;
}

export interface SSEClientOptions {
  url: string;
  /** Named events to listen to (EventSource only reports the ones it is asked for). */
  events: readonly string[];
  /** Events whose id identifies them, de-duplicated by id. Default: ['notification']. */
  dedupeEvents?: readonly string[];
  withCredentials?: boolean;
  baseDelayMs?: number;
  maxDelayMs?: number;
  /**
   * After the server's `shutdown` event (a restart), reconnect after a delay drawn from
   * [min, max) ms: soon, and jittered so that a fleet of clients does not arrive at once.
   */
  shutdownDelayMs?: readonly [number, number];
  /**
   * When an open stream is lost without `shutdown` (the server crashed, the network dropped),
   * the first try comes after a delay drawn from [min, max) ms, not after the browser's own
   * retry (the server's `retry:`, 3 s by default); later tries use the backoff. Only after a
   * connection that was healthy (or the first one), so a stream that keeps dropping backs off.
   */
  dropDelayMs?: readonly [number, number];
  /** A connection open this long counts as healthy and resets the backoff. */
  healthyAfterMs?: number;
  /**
   * How many consecutive retries the browser may make on its own (it keeps the
   * EventSource and sends Last-Event-ID) before the client takes over with backoff.
   */
  browserRetries?: number;
  /** How many ids are remembered for de-duplication. */
  dedupeWindow?: number;
  random?: () => number;
  createEventSource?: EventSourceFactory;
  /**
   * Asked after the browser closed the stream (a non-200 answer): true means the
   * session is gone (401), and the client stops instead of retrying.
   */
  isUnauthorized?: () => Promise<boolean>;
  /** `false` for one stream per tab; default: Web Locks + BroadcastChannel when present. */
  coordination?: Coordination | false;
}

const CONNECTING = 0;
/** How many attempts after a `shutdown` use the short delay before the backoff takes over. */
const SHUTDOWN_RETRIES = 20;
const CLOSED = 2;

/** Full jitter: a uniformly random delay in [0, min(max, base * 2^attempt)). */
export function backoffDelay(attempt: number, baseMs: number, maxMs: number, random: () => number = Math.random): number {
  const ceiling = Math.min(maxMs, baseMs * 2 ** Math.max(0, attempt));
  return Math.floor(random() * ceiling);
}

type ChannelMessage =
  | { t: 'event'; type: string; data: string; id: string }
  | { t: 'status'; status: StreamStatus; lastEventId: string }
  | { t: 'hello' }
  | { t: 'poke' }
  | { t: 'unauthorized' };

function defaultCoordination(): Coordination | false {
  const nav = typeof navigator !== 'undefined' ? (navigator as Navigator & { locks?: LockManagerLike }) : undefined;
  if (!nav?.locks || typeof BroadcastChannel === 'undefined') return false;
  return {
    locks: nav.locks,
    createChannel: (name) => new BroadcastChannel(name) as unknown as ChannelLike,
  };
}

function parse(data: string): unknown {
  try {
    return JSON.parse(data);
  } catch {
    return data;
  }
}

export class SSEClient {
  private readonly opts: Required<Omit<SSEClientOptions, 'coordination' | 'isUnauthorized'>> & {
    isUnauthorized?: () => Promise<boolean>;
  };
  private readonly coordination: Coordination | false;
  private readonly listeners = new Map<string, Set<StreamListener>>();
  private readonly statusListeners = new Set<StatusListener>();
  private readonly seen = new Set<string>();

  private source: EventSourceLike | null = null;
  private channel: ChannelLike | null = null;
  private lockAbort: AbortController | null = null;
  private releaseLock: (() => void) | null = null;
  private reconnectTimer: ReturnType<typeof setTimeout> | null = null;
  private healthyTimer: ReturnType<typeof setTimeout> | null = null;

  private _status: StreamStatus = 'idle';
  private _role: StreamRole = 'solo';
  private _lastEventId = '';
  private attempt = 0;
  /** Attempts left that use the short shutdown delay: a restarting server is back soon. */
  private shutdownRetries = 0;
  /** Set from a dropped stream's short try until a stream opens: no try is left to the browser. */
  private afterDrop = false;
  private _retryAt: number | null = null;
  private browserRetriesUsed = 0;
  private running = false;

  constructor(options: SSEClientOptions) {
    this.opts = {
      dedupeEvents: ['notification'],
      withCredentials: true,
      baseDelayMs: 1000,
      maxDelayMs: 30_000,
      healthyAfterMs: 10_000,
      shutdownDelayMs: [250, 1000],
      dropDelayMs: [250, 1000],
      browserRetries: 1,
      dedupeWindow: 1000,
      random: Math.random,
      createEventSource: (url, init) => new EventSource(url, init) as unknown as EventSourceLike,
      ...options,
    };
    this.coordination = options.coordination === undefined ? defaultCoordination() : options.coordination;
  }

  get status(): StreamStatus {
    return this._status;
  }

  get role(): StreamRole {
    return this._role;
  }

  /** When the next reconnect attempt is due (ms since the epoch), or null. */
  get retryAt(): number | null {
    return this._retryAt;
  }

  get lastEventId(): string {
    return this._lastEventId;
  }

  /** Listen to one named event; returns the unsubscribe function. */
  on(type: string, fn: StreamListener): () => void {
    let set = this.listeners.get(type);
    if (!set) {
      set = new Set();
      this.listeners.set(type, set);
    }
    set.add(fn);
    return () => {
      set.delete(fn);
    };
  }

  onStatus(fn: StatusListener): () => void {
    this.statusListeners.add(fn);
    return () => {
      this.statusListeners.delete(fn);
    };
  }

  start(): void {
    if (this.running) return;
    this.running = true;
    this.attempt = 0;
    if (typeof window !== 'undefined') {
      window.addEventListener('online', this.handleOnline);
    }
    if (typeof document !== 'undefined') {
      document.addEventListener('visibilitychange', this.handleVisibility);
    }
    if (!this.coordination) {
      this._role = 'solo';
      this.connect();
      return;
    }
    this.startCoordinated(this.coordination);
  }

  /** Close the stream for good (logout, or a 401). Listeners stay registered. */
  stop(status: StreamStatus = 'stopped'): void {
    if (!this.running) return;
    this.running = false;
    this.afterDrop = false;
    if (typeof window !== 'undefined') window.removeEventListener('online', this.handleOnline);
    if (typeof document !== 'undefined') document.removeEventListener('visibilitychange', this.handleVisibility);
    this.closeSource();
    this.clearTimers();
    this.lockAbort?.abort();
    this.lockAbort = null;
    this.releaseLock?.();
    this.releaseLock = null;
    this.channel?.close();
    this.channel = null;
    this.setStatus(status, false);
  }

  /** Reconnect now if the stream is not open (on `online`, on a tab becoming visible). */
  reconnectNow(): void {
    if (!this.running) return;
    if (this._role === 'follower') {
      if (this._status !== 'open') this.post({ t: 'poke' });
      return;
    }
    if (this._status === 'open' || this._status === 'connecting') return;
    this.clearTimers();
    this.closeSource();
    this.connect();
  }

  // ---- leader election -------------------------------------------------------------

  private startCoordinated(coordination: Coordination): void {
    const name = coordination.name ?? 'fleetman-sse';
    this._role = 'follower';
    this.channel = coordination.createChannel(name);
    this.channel.onmessage = (ev) => this.handleChannelMessage(ev.data as ChannelMessage);
    this.post({ t: 'hello' });

    const abort = new AbortController();
    this.lockAbort = abort;
    coordination.locks
      .request(name, { signal: abort.signal }, () => {
        if (!this.running || abort.signal.aborted) return Promise.resolve();
        this.lockAbort = null;
        this._role = 'leader';
        this.connect();
        return new Promise<void>((resolve) => {
          this.releaseLock = resolve;
        });
      })
      .catch(() => {
        // Aborted while waiting for the lock: this tab stopped before leading.
      });
  }

  private handleChannelMessage(msg: ChannelMessage): void {
    if (!this.running || !msg || typeof msg !== 'object') return;
    switch (msg.t) {
      case 'event':
        if (this._role === 'follower') this.deliver(msg.type, msg.data, msg.id, true);
        break;
      case 'status':
        if (this._role === 'follower') {
          if (msg.lastEventId) this._lastEventId = msg.lastEventId;
          this.setStatus(msg.status, false);
        }
        break;
      case 'hello':
        if (this._role === 'leader') this.post({ t: 'status', status: this._status, lastEventId: this._lastEventId });
        break;
      case 'poke':
        if (this._role === 'leader') this.reconnectNow();
        break;
      case 'unauthorized':
        this.stop('unauthorized');
        break;
    }
  }

  private post(msg: ChannelMessage): void {
    try {
      this.channel?.postMessage(msg);
    } catch {
      // A closed channel: nothing to share with.
    }
  }

  // ---- the connection --------------------------------------------------------------

  private buildUrl(): string {
    if (!this._lastEventId) return this.opts.url;
    const sep = this.opts.url.includes('?') ? '&' : '?';
    return `${this.opts.url}${sep}lastEventId=${encodeURIComponent(this._lastEventId)}`;
  }

  private connect(): void {
    if (!this.running) return;
    this.setStatus(this.attempt === 0 && this._status === 'idle' ? 'connecting' : 'reconnecting');
    this.browserRetriesUsed = 0;
    const source = this.opts.createEventSource(this.buildUrl(), { withCredentials: this.opts.withCredentials });
    this.source = source;

    let opened = false;
    source.onopen = () => {
      if (this.source !== source) return;
      opened = true;
      this.browserRetriesUsed = 0;
      this.shutdownRetries = 0;
      this.afterDrop = false;
      this.setStatus('open');
      this.clearHealthyTimer();
      this.healthyTimer = setTimeout(() => {
        this.healthyTimer = null;
        this.attempt = 0;
      }, this.opts.healthyAfterMs);
    };

    source.onerror = () => {
      if (this.source !== source) return;
      this.clearHealthyTimer();
      // After `shutdown` the browser's own retry is not let run: a new EventSource has heard
      // no `retry:`, so the browser would wait its default 3 s, while a restarting server is
      // usually back within a second; the short jittered tries below come sooner.
      const restarting = this.shutdownRetries > 0;
      // A live stream lost without `shutdown` (readyState CONNECTING: the browser would retry
      // after the server's `retry:`, 3 s): the first try is ours, soon and jittered. Not when it
      // dropped before turning healthy again (attempt > 0): a stream that keeps dropping backs off.
      const dropped = opened && source.readyState === CONNECTING;
      opened = false;
      if (!restarting && dropped && this.attempt === 0) {
        this.closeSource();
        this.afterDrop = true;
        const [min, max] = this.opts.dropDelayMs;
        this.scheduleReconnect(min + Math.floor(this.opts.random() * Math.max(0, max - min)));
        return;
      }
      // After the short try, the backoff: a new EventSource has heard no `retry:`, so the
      // browser's own retry would wait its default instead.
      if (!restarting && !this.afterDrop && source.readyState === CONNECTING && this.browserRetriesUsed < this.opts.browserRetries) {
        // The browser retries by itself and sends Last-Event-ID: let it, once.
        this.browserRetriesUsed++;
        this.setStatus('reconnecting');
        return;
      }
      const closedByBrowser = source.readyState === CLOSED;
      this.closeSource();
      if (closedByBrowser && this.opts.isUnauthorized) {
        this.setStatus('reconnecting');
        void this.opts.isUnauthorized().then(
          (unauthorized) => {
            if (!this.running || this.source) return;
            if (unauthorized) this.handleUnauthorized();
            else this.scheduleReconnect();
          },
          () => this.running && !this.source && this.scheduleReconnect(),
        );
        return;
      }
      this.scheduleReconnect();
    };

    const names = new Set([...this.opts.events, 'shutdown']);
    for (const type of names) {
      source.addEventListener(type, (ev: MessageEvent) => {
        if (this.source !== source) return;
        this.receive(type, ev);
        if (type === 'shutdown') {
          // The server is stopping (a restart): come back soon, with jitter, not after backoff.
          this.closeSource();
          this.attempt = 0;
          this.shutdownRetries = SHUTDOWN_RETRIES;
          this.scheduleReconnect();
        }
      });
    }
  }

  private receive(type: string, ev: MessageEvent): void {
    const data = typeof ev.data === 'string' ? ev.data : JSON.stringify(ev.data);
    const id = ev.lastEventId ?? '';
    if (this.deliver(type, data, id, false)) {
      this.post({ t: 'event', type, data, id });
    }
  }

  /** Hands one event to the listeners unless it is a duplicate; true when delivered. */
  private deliver(type: string, data: string, id: string, relayed: boolean): boolean {
    if (id) this._lastEventId = id;
    if (id && this.opts.dedupeEvents.includes(type)) {
      const key = `${type}:${id}`;
      if (this.seen.has(key)) return false;
      this.seen.add(key);
      if (this.seen.size > this.opts.dedupeWindow) {
        const oldest = this.seen.values().next().value;
        if (oldest !== undefined) this.seen.delete(oldest);
      }
    }
    const set = this.listeners.get(type);
    if (!set || set.size === 0) return true;
    const value = parse(data);
    const meta: StreamEventMeta = { type, id, relayed };
    for (const fn of [...set]) {
      try {
        fn(value, meta);
      } catch (err) {
        console.error(`[sse] listener for "${type}" failed`, err);
      }
    }
    return true;
  }

  private handleUnauthorized(): void {
    this.post({ t: 'unauthorized' });
    this.stop('unauthorized');
  }

  private scheduleReconnect(delayMs?: number): void {
    if (!this.running) return;
    this.clearReconnectTimer();
    let delay = delayMs ?? backoffDelay(this.attempt, this.opts.baseDelayMs, this.opts.maxDelayMs, this.opts.random);
    if (delayMs === undefined && this.shutdownRetries > 0) {
      // After `shutdown`: short jittered tries until the server is back (for a while).
      this.shutdownRetries--;
      const [min, max] = this.opts.shutdownDelayMs;
      delay = min + Math.floor(this.opts.random() * Math.max(0, max - min));
    }
    this.attempt++;
    this._retryAt = Date.now() + delay;
    this.setStatus('reconnecting');
    this.reconnectTimer = setTimeout(() => {
      this.reconnectTimer = null;
      this._retryAt = null;
      this.connect();
    }, delay);
  }

  private closeSource(): void {
    const source = this.source;
    this.source = null;
    if (source) {
      source.onopen = null;
      source.onerror = null;
      source.close();
    }
  }

  private clearReconnectTimer(): void {
    if (this.reconnectTimer) clearTimeout(this.reconnectTimer);
    this.reconnectTimer = null;
    this._retryAt = null;
  }

  private clearHealthyTimer(): void {
    if (this.healthyTimer) clearTimeout(this.healthyTimer);
    this.healthyTimer = null;
  }

  private clearTimers(): void {
    this.clearReconnectTimer();
    this.clearHealthyTimer();
  }

  private setStatus(status: StreamStatus, share = true): void {
    if (status === this._status) return;
    this._status = status;
    if (share && this._role === 'leader') {
      this.post({ t: 'status', status, lastEventId: this._lastEventId });
    }
    for (const fn of [...this.statusListeners]) fn(status, this._role);
  }

  private readonly handleOnline = () => this.reconnectNow();

  private readonly handleVisibility = () => {
    if (typeof document !== 'undefined' && document.visibilityState === 'visible') this.reconnectNow();
  };
}

export function createSSEClient(options: SSEClientOptions): SSEClient {
  return new SSEClient(options);
}
