// Tells the other tabs of this browser that the user signed out, so they stop too.
const NAME = 'fleetman-auth';

export function announceSignOut(): void {
  if (typeof BroadcastChannel === 'undefined') return;
  const channel = new BroadcastChannel(NAME);
  channel.postMessage({ t: 'signed-out' });
  channel.close();
}

export function onSignOutElsewhere(fn: () => void): () => void {
  if (typeof BroadcastChannel === 'undefined') return () => {};
  const channel = new BroadcastChannel(NAME);
  channel.onmessage = (ev: MessageEvent) => {
    if ((ev.data as { t?: string })?.t === 'signed-out') fn();
  };
  return () => channel.close();
}
