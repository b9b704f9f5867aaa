import { Worker } from 'node:worker_threads';

/**
 * Scenario regexes are written by whoever writes scenarios, and JavaScript's engine backtracks: a
 * pattern such as `^(a+)+$` runs for minutes on a short string. No linear-time engine is installed,
 * so every scenario regex runs in a worker thread that is terminated when it overruns its time limit
 * (V8 checks for termination inside the backtracking loop). The worker is plain JavaScript given as
 * source, so it needs no build step and no TypeScript loader in the worker.
 */
const WORKER_SOURCE = `
const { parentPort } = require('node:worker_threads');
parentPort.on('message', (job) => {
  if (job.vet) {
    // One message for a whole suite: a progress note after each pattern lets the caller time them one by one.
    job.vet.forEach((v, i) => {
      try {
        const re = new RegExp(v.source, 'i');
        for (const t of v.texts) re.test(t);
      } catch {}
      parentPort.postMessage({ id: job.id, progress: i });
    });
    parentPort.postMessage({ id: job.id, result: [] });
    return;
  }
  let result;
  try {
    const re = new RegExp(job.source, 'i');
    result = job.texts.map((t) => re.test(t));
  } catch (err) {
    result = String(err && err.message);
  }
  parentPort.postMessage({ id: job.id, result });
});
`;

/** A regex overran its time limit: a broken scenario (exit 4), not a pass or a fail. */
export class RegexTimeout extends Error {
  override readonly name = 'RegexTimeout';
}

export interface RegexRunner {
  /** Whether `source` (case-insensitive) matches each text; rejects with RegexTimeout past the limit. */
  test(source: string, texts: readonly string[], timeoutMs?: number): Promise<boolean[]>;
  /**
   * Runs each pattern over its texts, in one round trip; resolves with -1, or the index of the first
   * pattern that took longer than `timeoutMs` (the worker is then replaced).
   */
  vet(jobs: ReadonlyArray<{ source: string; texts: readonly string[] }>, timeoutMs: number): Promise<number>;
  close(): Promise<void>;
}

export function createRegexRunner(defaultTimeoutMs = 2000): RegexRunner {
  let worker: Worker | null = null;
  let seq = 0;
  const waiting = new Map<number, (result: boolean[] | string) => void>();
  const progress = new Map<number, (index: number) => void>();
  // A worker takes a while to start on a loaded machine: the clock on a pattern starts once it runs
  // JavaScript, so start-up is never blamed on the first pattern. Until then nothing else keeps the
  // process alive, so a worker is held (ref'd) while it has jobs; an idle one must never keep it alive.
  const state = new WeakMap<Worker, { online: Promise<void>; jobs: number }>();
  const whenOnline = (w: Worker) => state.get(w)?.online ?? Promise.resolve();
  const hold = (w: Worker) => {
    const st = state.get(w);
    if (st && st.jobs++ === 0) w.ref();
  };
  const release = (w: Worker) => {
    const st = state.get(w);
    if (st && --st.jobs === 0) w.unref();
  };
  const start = (): Worker => {
    const w = new Worker(WORKER_SOURCE, { eval: true });
    state.set(w, { online: new Promise<void>((resolve) => w.once('online', () => resolve())), jobs: 0 });
    w.on('message', (msg: { id: number; result?: boolean[] | string; progress?: number }) => {
      if (msg.progress !== undefined) return progress.get(msg.id)?.(msg.progress);
      waiting.get(msg.id)?.(msg.result ?? []);
      waiting.delete(msg.id);
      progress.delete(msg.id);
    });
    // Idle between scenarios: never keep the process alive for it.
    w.unref();
    return w;
  };
  return {
    test(source, texts, timeoutMs = defaultTimeoutMs) {
      worker ??= start();
      const w = worker;
      const id = (seq += 1);
      hold(w);
      return new Promise<boolean[]>((resolve, reject) => {
        let timer: NodeJS.Timeout | undefined;
        void whenOnline(w).then(() => {
          if (!waiting.has(id)) return;
          timer = setTimeout(() => {
            waiting.delete(id);
            // The only way to stop a runaway match; the next call starts a fresh worker.
            if (worker === w) worker = null;
            release(w);
            void w.terminate();
            reject(new RegexTimeout(`regular expression ran longer than ${timeoutMs} ms`));
          }, timeoutMs);
        });
        waiting.set(id, (result) => {
          release(w);
          clearTimeout(timer);
          if (typeof result === 'string') reject(new Error(`not a valid regular expression (${result})`));
          else resolve(result);
        });
        w.postMessage({ id, source, texts: [...texts] });
      });
    },
    vet(jobs, timeoutMs) {
      if (jobs.length === 0) return Promise.resolve(-1);
      worker ??= start();
      const w = worker;
      const id = (seq += 1);
      hold(w);
      return new Promise<number>((resolve) => {
        let current = 0;
        let timer: NodeJS.Timeout;
        const arm = () => {
          clearTimeout(timer);
          timer = setTimeout(() => {
            waiting.delete(id);
            progress.delete(id);
            if (worker === w) worker = null;
            release(w);
            void w.terminate();
            resolve(current);
          }, timeoutMs);
        };
        progress.set(id, (index) => {
          current = index + 1;
          arm();
        });
        waiting.set(id, () => {
          release(w);
          clearTimeout(timer);
          resolve(-1);
        });
        void whenOnline(w).then(() => {
          if (waiting.has(id)) arm();
        });
        w.postMessage({ id, vet: jobs.map((j) => ({ source: j.source, texts: [...j.texts] })) });
      });
    },
    async close() {
      const w = worker;
      worker = null;
      if (w) await w.terminate();
    },
  };
}

/**
 * Inputs that make a backtracking pattern blow up: runs of one character, then a character that makes
 * the overall match fail. The characters are the pattern's own literals and one of each common class.
 * A short run finds exponential blow-ups; a long one finds the polynomial ones a reply could hit.
 */
export function probeTexts(source: string): string[] {
  const literals = source
    .replace(/\\[dDwWsSbB]/g, '')
    .replace(/\\(.)/g, '$1')
    .replace(/[\^$.*+?()[\]{}|\\]/g, '');
  const chars = [...new Set([...'a1 .', ...literals.slice(0, 40)])].slice(0, 16);
  const out: string[] = [];
  for (const c of chars) {
    out.push(`${c.repeat(30)}!`, `${c.repeat(30)}\u0000`, `${c.repeat(3000)}\u0000`);
  }
  out.push('ab'.repeat(1500) + '\u0000');
  return out;
}
