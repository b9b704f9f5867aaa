/** Circuit breaker and bounded work queue shared by every model adapter. */
import { UserError } from '../../../shared/errors';

export type CircuitState = 'closed' | 'open' | 'half-open';

export interface CircuitOptions {
  name: string;
  /** Consecutive failures (errors or timeouts) that open the circuit. */
  failureThreshold?: number;
  /** How long an open circuit refuses work before a single half-open probe is let through. */
  coolDownMs?: number;
  now?: () => number;
  onChange?: (change: { name: string; from: CircuitState; to: CircuitState; failures: number }) => void;
}

export class CircuitBreaker {
  private stateValue: CircuitState = 'closed';
  private failures = 0;
  private openedAt = 0;
  private probeInFlight = false;
  private readonly threshold: number;
  private readonly coolDownMs: number;
  private readonly now: () => number;

  constructor(private readonly options: CircuitOptions) {
    this.threshold = options.failureThreshold ?? 3;
    this.coolDownMs = options.coolDownMs ?? 30_000;
    this.now = options.now ?? Date.now;
  }

  get state(): CircuitState {
    if (this.stateValue === 'open' && this.now() - this.openedAt >= this.coolDownMs)
      this.transition('half-open');
    return this.stateValue;
  }

  /** True when a call would be let through right now (closed, or half-open with no probe running). */
  get available(): boolean {
    const s = this.state;
    return s === 'closed' || (s === 'half-open' && !this.probeInFlight);
  }

  /**
   * Runs fn unless the circuit is open. `isFailure` decides which errors count (a user's abort does not).
   */
  async run<T>(fn: () => Promise<T>, isFailure: (err: unknown) => boolean = () => true): Promise<T> {
    const s = this.state;
    if (s === 'open' || (s === 'half-open' && this.probeInFlight))
      throw new UserError(
        'UNAVAILABLE',
        `${this.options.name} is temporarily disabled after repeated failures`,
      );
    const probing = s === 'half-open';
    if (probing) this.probeInFlight = true;
    try {
      const value = await fn();
      this.failures = 0;
      if (this.stateValue !== 'closed') this.transition('closed');
      return value;
    } catch (err) {
      if (isFailure(err)) {
        this.failures++;
        if (probing || this.failures >= this.threshold) {
          this.openedAt = this.now();
          this.transition('open');
        }
      }
      throw err;
    } finally {
      if (probing) this.probeInFlight = false;
    }
  }

  private transition(to: CircuitState): void {
    const from = this.stateValue;
    if (from === to) return;
    this.stateValue = to;
    this.options.onChange?.({ name: this.options.name, from, to, failures: this.failures });
  }
}

export interface QueueOptions {
  name: string;
  /** Work items running at once; one per model, since a context sequence is single-threaded. */
  concurrency?: number;
  /** Waiting items beyond which new work is refused, so a burst cannot pile up unbounded memory. */
  maxPending?: number;
}

/** A FIFO with a hard cap: when full, run() rejects at once with UNAVAILABLE (backpressure). */
export class BoundedQueue {
  private running = 0;
  private readonly waiting: Array<() => void> = [];
  private readonly concurrency: number;
  private readonly maxPending: number;

  constructor(private readonly options: QueueOptions) {
    this.concurrency = options.concurrency ?? 1;
    this.maxPending = options.maxPending ?? 16;
  }

  get pending(): number {
    return this.waiting.length;
  }

  get active(): number {
    return this.running;
  }

  async run<T>(fn: () => Promise<T>): Promise<T> {
    if (this.running >= this.concurrency) {
      if (this.waiting.length >= this.maxPending)
        throw new UserError(
          'UNAVAILABLE',
          `${this.options.name} is busy (${this.maxPending} requests waiting); try again`,
        );
      await new Promise<void>((resolve) => this.waiting.push(resolve));
    } else {
      this.running++;
    }
    try {
      return await fn();
    } finally {
      const next = this.waiting.shift();
      // The slot passes straight to the next waiter, so `running` only drops when nobody waits.
      if (next) next();
      else this.running--;
    }
  }
}
