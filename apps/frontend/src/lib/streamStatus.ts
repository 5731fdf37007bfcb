import { create } from 'zustand';
import type { StreamStatus } from '@/services/sseClient';

interface StreamStatusState {
  status: StreamStatus;
  setStatus: (status: StreamStatus) => void;
}

/** The live stream's state, for the header's indicator. */
export const useStreamStatus = create<StreamStatusState>((set) => ({
  status: 'idle',
  setStatus: (status) => set({ status }),
}));
