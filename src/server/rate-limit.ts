import {configError} from '../client/errors.js';

export interface RateLimitOptions {
  /** Requests each client may make per window. */
  max: number;
  windowMs: number;
  /** Clients tracked at once; when full, the oldest window is forgotten. Default 10 000. */
  maxClients?: number;
}

interface Window {
  count: number;
  resetAt: number;
}

/**
 * A fixed window per client key. Memory is bounded by `maxClients`: a flood of new keys evicts
 * the oldest windows, which resets those clients early rather than growing without limit.
 */
export class RateLimiter {
  private readonly windows = new Map<string, Window>();
  private readonly max: number;
  private readonly windowMs: number;
  private readonly maxClients: number;

  constructor(
    options: RateLimitOptions,
    private readonly now: () => number = Date.now,
  ) {
    const {max, windowMs, maxClients = 10_000} = options;
    if (!Number.isSafeInteger(max) || max < 1) {
      throw configError('rateLimit.max', 'expected a whole number ≥ 1');
    }
    if (!(windowMs > 0)) {
      throw configError('rateLimit.windowMs', 'expected a positive number of ms');
    }
    if (!Number.isSafeInteger(maxClients) || maxClients < 1) {
      throw configError('rateLimit.maxClients', 'expected a whole number ≥ 1');
    }
    this.max = max;
    this.windowMs = windowMs;
    this.maxClients = maxClients;
  }

  /** Counts one request; returns the seconds to wait when the client is over its limit. */
  take(key: string): number | undefined {
    const now = this.now();
    let window = this.windows.get(key);
    if (!window || window.resetAt <= now) {
      this.windows.delete(key);
      this.makeRoom(now);
      window = {count: 0, resetAt: now + this.windowMs};
      this.windows.set(key, window);
    }
    window.count++;
    if (window.count <= this.max) return undefined;

    return Math.max(1, Math.ceil((window.resetAt - now) / 1000));
  }

  private makeRoom(now: number): void {
    if (this.windows.size < this.maxClients) return;

    for (const [key, window] of this.windows) {
      if (window.resetAt <= now) this.windows.delete(key);
    }
    // Map order is insertion order, so the first key holds the oldest window.
    while (this.windows.size >= this.maxClients) {
      const oldest = this.windows.keys().next().value as string;
      this.windows.delete(oldest);
    }
  }
}
