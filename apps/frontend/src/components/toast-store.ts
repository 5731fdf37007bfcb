import { create } from 'zustand';
import type { AppNotification } from '@/lib/types';

export type ToastTone = 'info' | 'success' | 'error' | 'alert';

export interface Toast {
  id: string;
  tone: ToastTone;
  /** A notification toast is translated when shown. */
  notification?: AppNotification;
  text?: string;
  /** A button in the toast (e.g. Undo); pressing it also dismisses the toast. */
  action?: { label: string; onClick: () => void };
  /** How long it stays, in ms (the Toaster's default when unset). */
  duration?: number;
}

interface ToastState {
  toasts: Toast[];
  push: (toast: Omit<Toast, 'id'> & { id?: string }) => void;
  dismiss: (id: string) => void;
}

let counter = 0;
const MAX_TOASTS = 5;

export const useToasts = create<ToastState>((set) => ({
  toasts: [],
  push: (toast) =>
    set((state) => {
      const id = toast.id ?? `toast-${++counter}`;
      if (state.toasts.some((t) => t.id === id)) return state;
      return { toasts: [...state.toasts, { ...toast, id }].slice(-MAX_TOASTS) };
    }),
  dismiss: (id) => set((state) => ({ toasts: state.toasts.filter((t) => t.id !== id) })),
}));

/** For components: `toast.success(t('...'))`. */
export const toast = {
  success: (text: string) => useToasts.getState().push({ tone: 'success', text }),
  error: (text: string) => useToasts.getState().push({ tone: 'error', text }),
  info: (text: string, id?: string) => useToasts.getState().push({ tone: 'info', text, ...(id ? { id } : {}) }),
  /** A toast with one action button that stays `duration` ms; returns its id. */
  withAction: (text: string, action: { label: string; onClick: () => void }, duration: number, id: string) => {
    useToasts.getState().push({ id, tone: 'info', text, action, duration });
    return id;
  },
  dismiss: (id: string) => useToasts.getState().dismiss(id),
};
