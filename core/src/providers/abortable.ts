/**
 * Settles with `promise`, or rejects with `aborted()` as soon as `signal` aborts (the SDK call itself
 * cannot be cancelled). `onAbandon` receives the still-running promise, e.g. to clean up what it makes.
 */
export function abortable<T>(promise: Promise<T>, signal: AbortSignal | undefined, aborted: () => Error, onAbandon?: (late: Promise<T>) => void): Promise<T> {
  if (!signal) return promise;
  return new Promise<T>((resolve, reject) => {
    const onAbort = () => {
      onAbandon?.(promise);
      reject(aborted());
    };
    if (signal.aborted) return onAbort();
    signal.addEventListener('abort', onAbort, { once: true });
    promise.then(
      (v) => {
        signal.removeEventListener('abort', onAbort);
        resolve(v);
      },
      (e: unknown) => {
        signal.removeEventListener('abort', onAbort);
        reject(e);
      },
    );
  });
}
