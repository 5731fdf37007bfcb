// Whether the last session ended on its own (a 401), so the sign-in page can say so.
let ended = false;

export const sessionEnded = {
  mark: () => {
    ended = true;
  },
  consume: (): boolean => {
    const value = ended;
    ended = false;
    return value;
  },
};
