import type { RunContext } from '../runner.js';

/** One probe's time budget: every phase shares it, so a probe never waits past `limits.timeoutMs` in total. */
export interface Deadline {
  readonly signal: AbortSignal;
  /** Milliseconds left, at least 1 (a phase given 0 would not time out at all). */
  remaining(): number;
}

export function deadline(ctx: RunContext): Deadline {
  const end = performance.now() + ctx.limits.timeoutMs;
  const timeout = AbortSignal.timeout(ctx.limits.timeoutMs);
  const signal = ctx.signal ? AbortSignal.any([ctx.signal, timeout]) : timeout;
  return { signal, remaining: () => Math.max(1, Math.round(end - performance.now())) };
}

/** The error an aborted phase rejects with: a timeout unless the caller cancelled. */
export function abortError(signal: AbortSignal): Error {
  const reason = signal.reason;
  if (reason instanceof Error && reason.name === 'TimeoutError') {
    return Object.assign(new Error('timed out'), { code: 'ETIMEDOUT' });
  }
  return Object.assign(new Error('aborted'), { code: 'ABORT_ERR' });
}

/**
 * Settles `start`'s promise, or rejects when the signal aborts; `cleanup` then releases what `start` opened. Every
 * socket phase goes through here so that none can hang.
 */
export function bounded<T>(
  signal: AbortSignal,
  start: (resolve: (v: T) => void, reject: (e: unknown) => void) => void,
  cleanup: () => void,
): Promise<T> {
  return new Promise<T>((resolve, reject) => {
    if (signal.aborted) {
      cleanup();
      reject(abortError(signal));
      return;
    }
    const onAbort = () => {
      cleanup();
      reject(abortError(signal));
    };
    signal.addEventListener('abort', onAbort, { once: true });
    start(
      (v) => {
        signal.removeEventListener('abort', onAbort);
        resolve(v);
      },
      (e) => {
        signal.removeEventListener('abort', onAbort);
        cleanup();
        reject(e);
      },
    );
  });
}
