import { create } from 'zustand';
import type { StreamStatus } from '@/services/sse-client';

interface StreamStatusState {
  status: StreamStatus;
  /** When the next reconnect attempt is due (ms since the epoch), while reconnecting. */
  retryAt: number | null;
  /** Try at once (the banner's retry button); set by the observer. */
  retryNow: () => void;
  setStatus: (status: StreamStatus, retryAt?: number | null) => void;
  setRetryNow: (fn: () => void) => void;
}

/** The live stream's state, for the header's indicator and the outage banner. */
export const useStreamStatus = create<StreamStatusState>((set) => ({
  status: 'idle',
  retryAt: null,
  retryNow: () => {},
  setStatus: (status, retryAt = null) => set({ status, retryAt }),
  setRetryNow: (retryNow) => set({ retryNow }),
}));
