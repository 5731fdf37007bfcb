// Whether the last session ended on its own (a 401), so the sign-in page can say so.
let ended = false;

export const sessionEnded = {
  mark: () => {
    ended = true;
  },
  /** Read without clearing: render may run twice (StrictMode). */
  get: (): boolean => ended,
  reset: () => {
    ended = false;
  },
};
