import { describe, expect, it } from 'vitest';
import { BoundedQueue, CircuitBreaker, type CircuitState } from './resilience';

const fail = () => Promise.reject(new Error('boom'));
const ok = () => Promise.resolve('fine');

describe('CircuitBreaker', () => {
  it('opens after N consecutive failures, refuses during cool-down, probes once, and closes on success', async () => {
    let now = 0;
    const changes: Array<[CircuitState, CircuitState]> = [];
    const b = new CircuitBreaker({
      name: 'test',
      failureThreshold: 2,
      coolDownMs: 100,
      now: () => now,
      onChange: (c) => changes.push([c.from, c.to]),
    });
    await expect(b.run(fail)).rejects.toThrow('boom');
    expect(b.state).toBe('closed');
    await expect(b.run(fail)).rejects.toThrow('boom');
    expect(b.state).toBe('open');
    await expect(b.run(ok)).rejects.toMatchObject({ code: 'UNAVAILABLE' });
    now = 100;
    expect(b.state).toBe('half-open');
    await expect(b.run(fail)).rejects.toThrow('boom'); // failed probe re-opens at once
    expect(b.state).toBe('open');
    now = 200;
    await expect(b.run(ok)).resolves.toBe('fine');
    expect(b.state).toBe('closed');
    expect(changes).toEqual([
      ['closed', 'open'],
      ['open', 'half-open'],
      ['half-open', 'open'],
      ['open', 'half-open'],
      ['half-open', 'closed'],
    ]);
  });

  it('lets only one probe through while half-open', async () => {
    let now = 0;
    const b = new CircuitBreaker({ name: 't', failureThreshold: 1, coolDownMs: 10, now: () => now });
    await expect(b.run(fail)).rejects.toThrow();
    now = 10;
    let release: () => void = () => {};
    const probe = b.run(() => new Promise<string>((r) => (release = () => r('done'))));
    await expect(b.run(ok)).rejects.toMatchObject({ code: 'UNAVAILABLE' });
    release();
    await expect(probe).resolves.toBe('done');
    expect(b.state).toBe('closed');
  });

  it('ignores errors the caller marks as not failures, and a success resets the count', async () => {
    const b = new CircuitBreaker({ name: 't', failureThreshold: 2 });
    await expect(b.run(fail, () => false)).rejects.toThrow();
    await expect(b.run(fail, () => false)).rejects.toThrow();
    expect(b.state).toBe('closed');
    await expect(b.run(fail)).rejects.toThrow();
    await b.run(ok);
    await expect(b.run(fail)).rejects.toThrow();
    expect(b.state).toBe('closed');
  });
});

describe('BoundedQueue', () => {
  it('runs one at a time in order and rejects beyond maxPending', async () => {
    const q = new BoundedQueue({ name: 'q', concurrency: 1, maxPending: 2 });
    const order: number[] = [];
    const releases: Array<() => void> = [];
    const job = (i: number) => () =>
      new Promise<number>((r) => {
        order.push(i);
        releases.push(() => r(i));
      });
    const a = q.run(job(1));
    const b = q.run(job(2));
    const c = q.run(job(3));
    await expect(q.run(job(4))).rejects.toMatchObject({ code: 'UNAVAILABLE' });
    expect(q.pending).toBe(2);
    expect(order).toEqual([1]);
    for (let i = 0; i < 3; i++) {
      await new Promise((r) => setImmediate(r));
      releases[i]?.();
    }
    await expect(Promise.all([a, b, c])).resolves.toEqual([1, 2, 3]);
    expect(order).toEqual([1, 2, 3]);
    expect(q.active).toBe(0);
  });

  it('frees the slot when a job throws', async () => {
    const q = new BoundedQueue({ name: 'q', maxPending: 0 });
    await expect(q.run(fail)).rejects.toThrow('boom');
    await expect(q.run(ok)).resolves.toBe('fine');
  });
});
