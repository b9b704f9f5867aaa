import type { Store } from '../store';

export interface StageSpanRow {
  name: string;
  duration_ms: number;
  /** The stage's latency budget as the span recorded it, when it had one. */
  budget: number | null;
}

/**
 * The spans of the most recent turns, read from the store alone: the admin's observability view needs no
 * tracer (the tracer lives in the pipeline, whose runtime a dashboard must not build). Names, durations
 * and budgets only, never attributes with text.
 */
export function stageDurations(store: Pick<Store, 'db'>) {
  const recentTurns = store.db
    .prepare<[number], string>(
      'SELECT DISTINCT turn_id FROM trace_spans WHERE turn_id IS NOT NULL ORDER BY start_ms DESC LIMIT ?',
    )
    .pluck();
  const spansOf = store.db.prepare<[string], StageSpanRow>(
    `SELECT name, duration_ms, json_extract(attributes, '$."confidant.budget_ms"') AS budget
     FROM trace_spans WHERE turn_id IN (SELECT value FROM json_each(?))`,
  );
  return (turns: number): { turns: number; spans: StageSpanRow[] } => {
    const ids = recentTurns.all(turns);
    return { turns: ids.length, spans: ids.length ? spansOf.all(JSON.stringify(ids)) : [] };
  };
}
