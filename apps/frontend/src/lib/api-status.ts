import { create } from 'zustand';

interface ApiStatusState {
  /** The last API call could not reach the server (network error, 502, 503, 504). */
  unreachable: boolean;
  setUnreachable: (unreachable: boolean) => void;
}

/** Whether the API answers, for the outage banner; every API call reports here. */
export const useApiStatus = create<ApiStatusState>((set, get) => ({
  unreachable: false,
  setUnreachable: (unreachable) => {
    if (get().unreachable !== unreachable) set({ unreachable });
  },
}));

/** A status that means "the server cannot be reached" rather than "the server said no". */
export const isUnreachableStatus = (status: number) => status === 0 || status === 502 || status === 503 || status === 504;
