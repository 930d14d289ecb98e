import {configError} from '../client/errors.js';

export interface SidPoolOptions {
  /** SIDs kept ready. Default 2, at most 50. */
  size?: number;
  /**
   * Age at which an unused SID is dropped. Default 20 minutes: OM deletes a SID 30 to 35
   * minutes after its last use (protocol §7), and a join must still have time to redeem it.
   */
  maxAgeMs?: number;
  /** First wait after a failed login; it doubles up to a minute. Default 1 s. */
  retryMs?: number;
}

export const DEFAULT_POOL_SIZE = 2;
export const DEFAULT_POOL_MAX_AGE = 20 * 60_000;
const MAX_POOL_SIZE = 50;
const MAX_RETRY = 60_000;
// Past this age a SID could die between taking it and redeeming the hash made on it.
const LONGEST_SAFE_AGE = 25 * 60_000;

interface Entry {
  sid: string;
  loggedInAt: number;
}

/**
 * Fresh SIDs logged in ahead of demand. Each leaves the pool once and makes exactly one hash,
 * which keeps the rule of protocol §6; the pool only moves the login off the visitor's wait.
 *
 * Emits `refill` after each login that added a SID and `refill-error` after each that failed.
 * A failed refill retries later with a growing delay and never blocks a join: `take()` then
 * returns undefined and the join logs in itself.
 */
export class SidPool extends EventTarget {
  readonly size: number;
  readonly maxAgeMs: number;
  private readonly retryMs: number;
  private readonly entries: Entry[] = [];
  private pending = 0;
  private failures = 0;
  private closed = false;
  private retryTimer?: ReturnType<typeof setTimeout>;
  private ageTimer?: ReturnType<typeof setTimeout>;

  constructor(
    private readonly login: () => Promise<string>,
    options: SidPoolOptions = {},
    private readonly now: () => number = Date.now,
  ) {
    super();
    const {size = DEFAULT_POOL_SIZE, maxAgeMs = DEFAULT_POOL_MAX_AGE, retryMs = 1000} = options;
    if (!Number.isSafeInteger(size) || size < 1 || size > MAX_POOL_SIZE) {
      throw configError('pool.size', `expected a whole number from 1 to ${MAX_POOL_SIZE}`);
    }
    if (!(maxAgeMs > 0) || maxAgeMs > LONGEST_SAFE_AGE) {
      throw configError('pool.maxAgeMs', `expected more than 0 and at most ${LONGEST_SAFE_AGE} ms`);
    }
    if (!(retryMs > 0)) throw configError('pool.retryMs', 'expected a positive number of ms');
    this.size = size;
    this.maxAgeMs = maxAgeMs;
    this.retryMs = retryMs;
  }

  /** SIDs ready now. */
  get available(): number {
    this.dropStale();

    return this.entries.length;
  }

  /** A never-used SID, or undefined when none is ready. Starts a refill either way. */
  take(): string | undefined {
    this.dropStale();
    const entry = this.entries.shift();
    this.refill();

    return entry?.sid;
  }

  /** Logs in until the pool is full, unless it is waiting out a failure. */
  refill(): void {
    if (this.closed || this.retryTimer) return;

    while (this.entries.length + this.pending < this.size) {
      this.pending++;
      this.login().then(
        (sid) => this.added(sid),
        (error: unknown) => this.failed(error),
      );
    }
  }

  /** Stops refilling. SIDs still in the pool are forgotten and expire in OpenMeetings. */
  close(): void {
    this.closed = true;
    this.entries.length = 0;
    clearTimeout(this.retryTimer);
    clearTimeout(this.ageTimer);
  }

  private added(sid: string): void {
    this.pending--;
    if (this.closed) return;

    this.failures = 0;
    this.entries.push({sid, loggedInAt: this.now()});
    this.watchAge();
    this.dispatchEvent(new Event('refill'));
  }

  private failed(error: unknown): void {
    this.pending--;
    if (this.closed) return;

    this.failures++;
    if (!this.retryTimer) {
      const wait = Math.min(this.retryMs * 2 ** (this.failures - 1), MAX_RETRY);
      this.retryTimer = setTimeout(() => {
        this.retryTimer = undefined;
        this.refill();
      }, wait);
      this.retryTimer.unref?.();
    }
    this.dispatchEvent(new CustomEvent('refill-error', {detail: {error}}));
  }

  private dropStale(): void {
    const oldest = this.now() - this.maxAgeMs;
    const before = this.entries.length;
    while (this.entries.length && this.entries[0].loggedInAt <= oldest) this.entries.shift();
    if (this.entries.length < before) this.refill();
  }

  // An idle pool renews itself, so the first visitor after a quiet hour still finds a SID.
  private watchAge(): void {
    if (this.ageTimer || !this.entries.length) return;

    const due = this.entries[0].loggedInAt + this.maxAgeMs - this.now();
    this.ageTimer = setTimeout(
      () => {
        this.ageTimer = undefined;
        this.dropStale();
        this.watchAge();
      },
      Math.max(due, 0) + 1,
    );
    this.ageTimer.unref?.();
  }
}
