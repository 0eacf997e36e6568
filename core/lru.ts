/**
 * A bounded map that forgets its least recently used entry when full. Compilation caches use it
 * so that a long-running process seeing ever new shapes or static values holds at most a stated
 * number of programs and kernels, not every one it ever compiled.
 */
export class LruCache<K, V> {
  // A hit only stamps its entry (eager kernels look their kernel up on every op, so hits must be
  // cheap); the least recently stamped entry is found by a scan, only when a new key overflows.
  private readonly entries = new Map<K, { value: V; used: number }>();
  private clock = 0;

  constructor(readonly capacity: number) {
    if (!Number.isSafeInteger(capacity) || capacity < 1) throw new RangeError(`LruCache capacity must be a positive integer, got ${capacity}`);
  }

  /** The value for `key`, marking it as the most recently used. */
  get(key: K): V | undefined {
    const entry = this.entries.get(key);
    if (entry === undefined) return undefined;
    entry.used = ++this.clock;
    return entry.value;
  }

  /** Stores `value` as the most recently used entry, evicting the least recently used one when full. */
  set(key: K, value: V): void {
    const existing = this.entries.get(key);
    if (existing !== undefined) {
      existing.value = value;
      existing.used = ++this.clock;
      return;
    }
    if (this.entries.size >= this.capacity) this.evictOldest();
    this.entries.set(key, { value, used: ++this.clock });
  }

  private evictOldest(): void {
    let oldest: K | undefined;
    let oldestUse = Infinity;
    for (const [key, entry] of this.entries) {
      if (entry.used < oldestUse) {
        oldest = key;
        oldestUse = entry.used;
      }
    }
    this.entries.delete(oldest as K);
  }

  /** True when `key` is cached (without marking it used). */
  has(key: K): boolean {
    return this.entries.has(key);
  }

  /** How many entries are cached. */
  get size(): number {
    return this.entries.size;
  }

  /** Forgets every entry. */
  clear(): void {
    this.entries.clear();
  }
}
