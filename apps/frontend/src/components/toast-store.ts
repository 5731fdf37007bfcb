import { create } from 'zustand';
import type { AppNotification } from '@/lib/types';

export type ToastTone = 'info' | 'success' | 'error' | 'alert';

export interface Toast {
  id: string;
  tone: ToastTone;
  /** A notification toast is translated when shown. */
  notification?: AppNotification;
  text?: string;
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
};
