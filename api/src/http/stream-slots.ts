import { AppError } from '@ajimi/core/errors';

export const MAX_STREAMS_PER_USER = 3;

export class TooManyStreamsError extends AppError {
  constructor(max: number) {
    super(
      429,
      'too_many_streams',
      `同時に開ける画面は${max}つまでです。ほかのタブやアプリを閉じてから再読み込みしてください。 / At most ${max} open screens at once: close another tab or app and reload.`,
    );
  }
}

/** Live event streams per user in this process: each holds a poller and a connection open. */
export class StreamSlots {
  readonly #open = new Map<string, number>();
  constructor(readonly max = MAX_STREAMS_PER_USER) {}

  /** A release function for a granted slot; throws TooManyStreamsError when the user has max open. */
  acquire(userId: string): () => void {
    const open = this.#open.get(userId) ?? 0;
    if (open >= this.max) throw new TooManyStreamsError(this.max);
    this.#open.set(userId, open + 1);
    let released = false;
    return () => {
      if (released) return;
      released = true;
      const left = (this.#open.get(userId) ?? 1) - 1;
      if (left > 0) this.#open.set(userId, left);
      else this.#open.delete(userId);
    };
  }
}
