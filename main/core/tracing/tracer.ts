import { ROOT_CONTEXT, SpanStatusCode, trace, type Context, type Span } from '@opentelemetry/api';
import { BasicTracerProvider, type ReadableSpan, type SpanProcessor } from '@opentelemetry/sdk-trace-base';
import type { Store } from '../store';
import { filterAttributes, assertSafeAttributes, type SafeAttributes } from './attributes';

export interface SpanRecord {
  spanId: string;
  traceId: string;
  parentSpanId: string | null;
  turnId: string | null;
  name: string;
  startMs: number;
  durationMs: number;
  status: 'ok' | 'error' | 'unset';
  attributes: SafeAttributes;
}

export interface StageContext {
  /** Aborts when the stage's budget is spent; long work should check it and stop. */
  readonly signal: AbortSignal;
  setAttributes(attrs: Record<string, unknown>): void;
  remainingMs(): number;
}

export interface StageResult<T> {
  result: T;
  durationMs: number;
  budgetMs: number;
  overBudget: boolean;
  /** True when `onTimeout` supplied the result because the budget ran out first. */
  timedOut: boolean;
}

export interface StageOptions<T> {
  attributes?: Record<string, unknown>;
  /** When given, the stage resolves with this fallback as soon as the budget is spent. */
  onTimeout?: () => T;
}

export interface StageTiming {
  name: string;
  durationMs: number;
  budgetMs: number;
  overBudget: boolean;
  timedOut: boolean;
  error: boolean;
}

export interface TurnSummary {
  turnId: string;
  traceId: string;
  durationMs: number;
  stages: StageTiming[];
  overBudget: string[];
}

export interface TurnTrace {
  readonly turnId: string;
  readonly traceId: string;
  stage<T>(
    name: string,
    budgetMs: number,
    fn: (ctx: StageContext) => T | Promise<T>,
    options?: StageOptions<T>,
  ): Promise<StageResult<T>>;
  setAttributes(attrs: Record<string, unknown>): void;
  /** Ends the turn span and persists the turn's spans in one write. Idempotent. */
  end(attrs?: Record<string, unknown>): TurnSummary;
}

export interface Tracer {
  startTurn(turnId: string, attrs?: Record<string, unknown>): TurnTrace;
  /** Most recent spans from the in-memory ring, newest last. */
  recent(limit?: number): SpanRecord[];
  /** Spans of one turn, from the store when there is one, else from the ring. */
  spansForTurn(turnId: string): SpanRecord[];
  /** Deletes stored spans that started before the cutoff (retention); returns how many. */
  purgeBefore(cutoffMs: number): number;
  /** Attributes refused so far (a non-zero count is a bug to look at, never a leak). */
  droppedAttributes(): number;
  close(): Promise<void>;
}

export interface TracerOptions {
  ringSize?: number;
  /** Throw on a refused attribute instead of dropping it (tests and development). */
  strict?: boolean;
  /** Injectable clock for tests. */
  now?: () => number;
}

const TURN_ID_KEY = 'confidant.turn.id';

function hrToMs(t: [number, number]): number {
  return t[0] * 1000 + t[1] / 1e6;
}

/** Keeps spans locally: a bounded ring always, and the store's trace_spans table when given. */
class LocalSpanSink implements SpanProcessor {
  private ring: SpanRecord[] = [];
  private pending: SpanRecord[] = [];
  private readonly insert;

  constructor(
    private readonly store: Store | null,
    private readonly ringSize: number,
  ) {
    this.insert = store?.db.prepare(
      `INSERT OR REPLACE INTO trace_spans (span_id, trace_id, parent_span_id, turn_id, name, start_ms, duration_ms, status, attributes)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    );
  }

  onStart(): void {}

  onEnd(span: ReadableSpan): void {
    const ctx = span.spanContext();
    const { safe } = filterAttributes(span.attributes as Record<string, unknown>);
    const rec: SpanRecord = {
      spanId: ctx.spanId,
      traceId: ctx.traceId,
      parentSpanId: span.parentSpanContext?.spanId ?? null,
      turnId: typeof safe[TURN_ID_KEY] === 'string' ? (safe[TURN_ID_KEY] as string) : null,
      name: span.name,
      startMs: hrToMs(span.startTime),
      durationMs: hrToMs(span.duration),
      status:
        span.status.code === SpanStatusCode.ERROR
          ? 'error'
          : span.status.code === SpanStatusCode.OK
            ? 'ok'
            : 'unset',
      attributes: safe,
    };
    this.ring.push(rec);
    if (this.ring.length > this.ringSize) this.ring.splice(0, this.ring.length - this.ringSize);
    if (this.insert) this.pending.push(rec);
  }

  /** One transaction per turn: a span-per-insert would fsync ten times a turn. */
  flush(): void {
    if (!this.store || !this.insert || this.pending.length === 0) return;
    const rows = this.pending;
    this.pending = [];
    const insert = this.insert;
    this.store.db.transaction(() => {
      for (const r of rows)
        insert.run(
          r.spanId,
          r.traceId,
          r.parentSpanId,
          r.turnId,
          r.name,
          r.startMs,
          r.durationMs,
          r.status,
          JSON.stringify(r.attributes),
        );
    })();
  }

  recent(limit: number): SpanRecord[] {
    return this.ring.slice(-limit);
  }

  forceFlush(): Promise<void> {
    this.flush();
    return Promise.resolve();
  }

  shutdown(): Promise<void> {
    this.flush();
    return Promise.resolve();
  }
}

export function createTracer(store: Store | null = null, options: TracerOptions = {}): Tracer {
  const sink = new LocalSpanSink(store, options.ringSize ?? 2000);
  // Our own provider, never registered globally: nothing else in the process can add an exporter.
  const provider = new BasicTracerProvider({ spanProcessors: [sink] });
  const otel = provider.getTracer('confidant', '1');
  const now = options.now ?? (() => performance.now());
  let dropped = 0;

  const clean = (attrs: Record<string, unknown> | undefined): SafeAttributes => {
    if (!attrs) return {};
    if (options.strict) assertSafeAttributes(attrs);
    const r = filterAttributes(attrs);
    dropped += r.dropped;
    return r.safe;
  };

  const startTurn = (turnId: string, attrs?: Record<string, unknown>): TurnTrace => {
    const root = otel.startSpan(
      'confidant.turn',
      { attributes: clean({ ...attrs, [TURN_ID_KEY]: turnId }) },
      ROOT_CONTEXT,
    );
    const ctx: Context = trace.setSpan(ROOT_CONTEXT, root);
    const started = now();
    const stages: StageTiming[] = [];
    let ended: TurnSummary | null = null;

    const stage = async <T>(
      name: string,
      budgetMs: number,
      fn: (c: StageContext) => T | Promise<T>,
      opts: StageOptions<T> = {},
    ): Promise<StageResult<T>> => {
      const span: Span = otel.startSpan(
        `confidant.stage.${name}`,
        {
          attributes: clean({
            ...opts.attributes,
            [TURN_ID_KEY]: turnId,
            'confidant.stage': name,
            'confidant.budget_ms': budgetMs,
          }),
        },
        ctx,
      );
      const t0 = now();
      const abort = new AbortController();
      let timer: ReturnType<typeof setTimeout> | undefined;
      const budgetSpent = new Promise<'timeout'>((resolve) => {
        timer = setTimeout(
          () => {
            abort.abort();
            resolve('timeout');
          },
          Math.max(0, budgetMs),
        );
        timer.unref?.();
      });
      const sctx: StageContext = {
        signal: abort.signal,
        setAttributes: (a) => span.setAttributes(clean(a)),
        remainingMs: () => Math.max(0, budgetMs - (now() - t0)),
      };
      let result: T;
      let timedOut = false;
      let error = false;
      try {
        const work = Promise.resolve().then(() => fn(sctx));
        if (opts.onTimeout) {
          const raced = await Promise.race([work.then((v) => ({ v })), budgetSpent]);
          if (raced === 'timeout') {
            timedOut = true;
            work.catch(() => undefined); // the abandoned work may still fail; nobody awaits it
            result = opts.onTimeout();
          } else {
            result = raced.v;
          }
        } else {
          result = await work;
        }
      } catch (err) {
        error = true;
        span.setStatus({ code: SpanStatusCode.ERROR });
        span.setAttribute('error.type', err instanceof Error ? err.name : 'unknown');
        throw err;
      } finally {
        clearTimeout(timer);
        const durationMs = now() - t0;
        // The budget timer can fire a fraction of a millisecond before the clock shows the budget spent; a
        // stage that timed out was over budget whatever the subtraction says.
        const overBudget = timedOut || durationMs > budgetMs;
        span.setAttributes({
          'confidant.duration_ms': durationMs,
          'confidant.over_budget': overBudget,
          'confidant.timed_out': timedOut,
        });
        if (!error) span.setStatus({ code: SpanStatusCode.OK });
        span.end();
        stages.push({ name, durationMs, budgetMs, overBudget, timedOut, error });
      }
      const last = stages[stages.length - 1] as StageTiming;
      return { result, durationMs: last.durationMs, budgetMs, overBudget: last.overBudget, timedOut };
    };

    return {
      turnId,
      traceId: root.spanContext().traceId,
      stage,
      setAttributes: (a) => root.setAttributes(clean(a)),
      end(attrs) {
        if (ended) return ended;
        const over = stages.filter((s) => s.overBudget).map((s) => s.name);
        root.setAttributes({
          ...clean(attrs),
          'confidant.duration_ms': now() - started,
          'confidant.stage_count': stages.length,
          'confidant.over_budget_count': over.length,
        });
        root.setStatus({ code: stages.some((s) => s.error) ? SpanStatusCode.ERROR : SpanStatusCode.OK });
        root.end();
        sink.flush();
        ended = {
          turnId,
          traceId: root.spanContext().traceId,
          durationMs: now() - started,
          stages: [...stages],
          overBudget: over,
        };
        return ended;
      },
    };
  };

  const rowToRecord = (r: {
    span_id: string;
    trace_id: string;
    parent_span_id: string | null;
    turn_id: string | null;
    name: string;
    start_ms: number;
    duration_ms: number;
    status: SpanRecord['status'];
    attributes: string;
  }): SpanRecord => ({
    spanId: r.span_id,
    traceId: r.trace_id,
    parentSpanId: r.parent_span_id,
    turnId: r.turn_id,
    name: r.name,
    startMs: r.start_ms,
    durationMs: r.duration_ms,
    status: r.status,
    attributes: JSON.parse(r.attributes) as SafeAttributes,
  });

  return {
    startTurn,
    recent: (limit = 100) => sink.recent(limit),
    spansForTurn(turnId) {
      if (!store) return sink.recent(Number.MAX_SAFE_INTEGER).filter((s) => s.turnId === turnId);
      sink.flush();
      return store.db
        .prepare<[string], Parameters<typeof rowToRecord>[0]>(
          'SELECT * FROM trace_spans WHERE turn_id = ? ORDER BY start_ms, span_id',
        )
        .all(turnId)
        .map(rowToRecord);
    },
    purgeBefore(cutoffMs) {
      if (!store) return 0;
      sink.flush();
      return store.db.prepare('DELETE FROM trace_spans WHERE start_ms < ?').run(cutoffMs).changes;
    },
    droppedAttributes: () => dropped,
    close: () => provider.shutdown(),
  };
}
