/**
 * Failed logins counted per key (address + user name) in a fixed window. In memory: one server process; a restart
 * forgets, which only gives an attacker a fresh window after a restart they cannot cause.
 */
export class LoginLimiter {
  private readonly failures = new Map<string, { count: number; since: number }>();

  constructor(
    private readonly max: number,
    private readonly windowMs: number,
    private readonly now: () => number = Date.now,
  ) {}

  /** Milliseconds to wait before trying again, or 0 when a try is allowed. */
  retryAfter(key: string): number {
    const entry = this.failures.get(key);
    if (!entry) return 0;
    const left = entry.since + this.windowMs - this.now();
    if (left <= 0) {
      this.failures.delete(key);
      return 0;
    }
    return entry.count >= this.max ? left : 0;
  }

  fail(key: string): void {
    const entry = this.failures.get(key);
    const now = this.now();
    if (!entry || entry.since + this.windowMs <= now) this.failures.set(key, { count: 1, since: now });
    else entry.count++;
    // Bounded: a flood of made-up names cannot grow the map without end.
    if (this.failures.size > 10_000) this.failures.delete(this.failures.keys().next().value as string);
  }

  succeed(key: string): void {
    this.failures.delete(key);
  }
}
