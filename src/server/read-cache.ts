/**
 * Answers of the database that nearly every request asks again: who the session cookie belongs to, a site's head
 * (current version), the list of sites. Each is kept a short while and dropped as soon as this process writes what
 * it depends on. A lookup that began before a write never stores its (possibly older) answer: every drop moves the
 * generation on, and `set` refuses an answer read under an earlier one.
 *
 * How long is "a short while" depends on who else writes: a PGlite data directory belongs to one process, so every
 * write is seen here and the lifetime only bounds memory; on PostgreSQL several server processes may share the
 * database, so another process's logout or site edit is seen here within that lifetime. Writes themselves are
 * always checked in the database (a site's version is compared under a row lock), never against this cache.
 */
export class ReadCache<K, V> {
  private readonly entries = new Map<K, { readonly value: V; readonly until: number }>();
  private current = 0;

  constructor(
    private readonly lifetimeMs: number,
    private readonly capacity = 10_000,
  ) {}

  /** Take it before the lookup; give it back to `set`. */
  get generation(): number {
    return this.current;
  }

  get(key: K, now = Date.now()): V | undefined {
    const entry = this.entries.get(key);
    if (!entry) return undefined;
    if (entry.until > now) return entry.value;
    this.entries.delete(key);
    return undefined;
  }

  set(key: K, value: V, generation: number, now = Date.now()): void {
    if (generation !== this.current) return;
    this.entries.delete(key);
    this.entries.set(key, { value, until: now + this.lifetimeMs });
    // Oldest out first: Map keeps insertion order.
    while (this.entries.size > this.capacity) this.entries.delete(this.entries.keys().next().value as K);
  }

  /** Drops one answer (a logout). */
  delete(key: K): void {
    this.current++;
    this.entries.delete(key);
  }

  /** Drops every answer (a user changed, a site written). */
  clear(): void {
    this.current++;
    this.entries.clear();
  }
}

/** How long answers are kept: see ReadCache. */
export const readCacheLifetime = (driver: 'pglite' | 'postgres'): number => (driver === 'pglite' ? 60_000 : 2_000);
