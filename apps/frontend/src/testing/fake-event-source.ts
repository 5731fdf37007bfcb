import type { EventSourceLike } from '@/services/sse-client';

/** A scriptable stand-in for the browser's EventSource. */
export class FakeEventSource implements EventSourceLike {
  static instances: FakeEventSource[] = [];

  static reset(): void {
    FakeEventSource.instances = [];
  }

  static get latest(): FakeEventSource {
    const last = FakeEventSource.instances.at(-1);
    if (!last) throw new Error('no EventSource was created');
    return last;
  }

  readyState = 0;
  closed = false;
  onopen: ((ev: Event) => unknown) | null = null;
  onerror: ((ev: Event) => unknown) | null = null;
  private readonly handlers = new Map<string, Array<(ev: MessageEvent) => void>>();
  /** The id the browser keeps and would send as Last-Event-ID on its own retry. */
  lastEventId = '';

  constructor(
    readonly url: string,
    readonly init: { withCredentials: boolean },
  ) {
    FakeEventSource.instances.push(this);
  }

  addEventListener(type: string, listener: (ev: MessageEvent) => void): void {
    const list = this.handlers.get(type) ?? [];
    list.push(listener);
    this.handlers.set(type, list);
  }

  close(): void {
    this.closed = true;
    this.readyState = 2;
  }

  open(): void {
    this.readyState = 1;
    this.onopen?.(new Event('open'));
  }

  emit(type: string, data: unknown, id?: string): void {
    if (id !== undefined) this.lastEventId = id;
    const ev = new MessageEvent(type, {
      data: typeof data === 'string' ? data : JSON.stringify(data),
      lastEventId: this.lastEventId,
    });
    for (const fn of this.handlers.get(type) ?? []) fn(ev);
  }

  /** A network drop: the browser keeps the EventSource and retries by itself. */
  dropAndRetry(): void {
    this.readyState = 0;
    this.onerror?.(new Event('error'));
  }

  /** A non-200 answer (401, 429, 5xx): the browser closes the EventSource for good. */
  fail(): void {
    this.readyState = 2;
    this.onerror?.(new Event('error'));
  }
}

export const fakeEventSourceFactory = (url: string, init: { withCredentials: boolean }) =>
  new FakeEventSource(url, init);

/** An in-memory Web Locks + BroadcastChannel pair for tests of tab coordination. */
export function createFakeCoordination() {
  type Waiter = { cb: (lock: unknown) => Promise<unknown>; signal?: AbortSignal; reject: (e: unknown) => void; resolve: (v: unknown) => void };
  let held = false;
  const queue: Waiter[] = [];
  const grantNext = () => {
    if (held) return;
    const next = queue.shift();
    if (!next) return;
    held = true;
    void next.cb({}).then(
      (v) => {
        held = false;
        next.resolve(v);
        grantNext();
      },
      (e) => {
        held = false;
        next.reject(e);
        grantNext();
      },
    );
  };
  const locks = {
    request(_name: string, options: { signal?: AbortSignal }, cb: (lock: unknown) => Promise<unknown>) {
      return new Promise((resolve, reject) => {
        const waiter: Waiter = { cb, signal: options.signal, resolve, reject };
        options.signal?.addEventListener('abort', () => {
          const i = queue.indexOf(waiter);
          if (i >= 0) {
            queue.splice(i, 1);
            reject(new DOMException('aborted', 'AbortError'));
          }
        });
        queue.push(waiter);
        queueMicrotask(grantNext);
      });
    },
  };
  const members = new Set<{ onmessage: ((ev: MessageEvent) => unknown) | null }>();
  const createChannel = () => {
    const channel = {
      onmessage: null as ((ev: MessageEvent) => unknown) | null,
      postMessage(message: unknown) {
        for (const other of members) {
          if (other !== channel) other.onmessage?.(new MessageEvent('message', { data: structuredClone(message) }));
        }
      },
      close() {
        members.delete(channel);
      },
    };
    members.add(channel);
    return channel;
  };
  return { locks, createChannel };
}
