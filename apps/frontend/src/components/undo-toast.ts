// An action that can be taken back: its effect shows at once, and it is carried out when the
// undo window has passed, unless Undo is pressed in its toast. Leaving the page (closing the
// tab, reloading) carries out what is still waiting at once, so nothing confirmed is silently
// dropped.
import { toast } from './toast-store';

export const UNDO_WINDOW_MS = 5000;

interface Deferred {
  commit: (leaving: boolean) => Promise<unknown> | void;
  timer: ReturnType<typeof setTimeout>;
}

const waiting = new Map<string, Deferred>();

function carryOut(key: string, leaving: boolean): Promise<unknown> {
  const deferred = waiting.get(key);
  if (!deferred) return Promise.resolve();
  waiting.delete(key);
  clearTimeout(deferred.timer);
  toast.dismiss(key);
  return Promise.resolve(deferred.commit(leaving)).catch(() => {});
}

export interface UndoableAction {
  /** One per thing acted on (`notification:<id>`); also the toast's id. */
  key: string;
  /** What the toast says ("Notification deleted."). */
  text: string;
  undoLabel: string;
  /** Sends the action (settling when it is answered); `leaving` when the page is being left (the request must survive it). */
  commit: (leaving: boolean) => Promise<unknown> | void;
  /** Puts back what the action hid. */
  undo: () => void;
  windowMs?: number;
}

/** Shows the Undo toast and carries the action out when the window has passed. */
export function deferWithUndo({ key, text, undoLabel, commit, undo, windowMs = UNDO_WINDOW_MS }: UndoableAction): void {
  void carryOut(key, false);
  const timer = setTimeout(() => void carryOut(key, false), windowMs);
  waiting.set(key, { commit, timer });
  toast.withAction(
    text,
    {
      label: undoLabel,
      onClick: () => {
        const deferred = waiting.get(key);
        if (!deferred) return;
        waiting.delete(key);
        clearTimeout(deferred.timer);
        undo();
      },
    },
    windowMs,
    key,
  );
}

/** Is this action still inside its undo window? */
export function isWaiting(key: string): boolean {
  return waiting.has(key);
}

/**
 * Carries out everything still waiting: when the page is being left, or before signing out
 * (settles when every request is answered, so none is sent after the session has ended).
 */
export function carryOutWaiting(leaving = true): Promise<void> {
  return Promise.all([...waiting.keys()].map((key) => carryOut(key, leaving))).then(() => undefined);
}

if (typeof window !== 'undefined') window.addEventListener('pagehide', () => void carryOutWaiting(true));
