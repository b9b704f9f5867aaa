import { BugError, UserError } from '../../../shared/errors';
import type { MemoryRedactor } from './types';

export type SessionRole = 'customer' | 'agent' | 'system';

export interface SessionTurn {
  role: SessionRole;
  /** Already through the privacy boundary when read back. */
  text: string;
  at: number;
}

/** What a prompt builder gets: a running summary of evicted turns plus the most recent turns. */
export interface SessionContext {
  sessionId: string;
  subjectId: string;
  summary: string | null;
  turns: readonly SessionTurn[];
  tokens: number;
}

/**
 * Summarization hook. Later issues plug an LLM summarizer; the default keeps a bounded extract.
 * Gets only redacted text and must return text within `maxTokens` (it is clipped otherwise).
 */
export interface Summarizer {
  summarize(input: {
    previousSummary: string | null;
    evicted: readonly SessionTurn[];
    maxTokens: number;
  }): Promise<string>;
}

/** Rough token estimate (chars/4, rounded up): good enough for budgets, no tokenizer dependency. */
export function estimateTokens(text: string): number {
  return Math.ceil(text.length / 4);
}

function clipToTokens(text: string, maxTokens: number): string {
  const maxChars = maxTokens * 4;
  return text.length <= maxChars ? text : text.slice(text.length - maxChars);
}

/** Default summarizer: the most recent evicted lines, clipped to the budget. No model needed. */
export const extractiveSummarizer: Summarizer = {
  summarize({ previousSummary, evicted, maxTokens }) {
    const lines = evicted.map((t) => `${t.role}: ${t.text}`);
    const joined = [previousSummary, ...lines].filter((s): s is string => !!s).join('\n');
    return Promise.resolve(clipToTokens(joined, maxTokens));
  },
};

export interface SessionMemoryOptions {
  redact: MemoryRedactor;
  maxTurns?: number;
  maxTokens?: number;
  /** Share of maxTokens the summary may take. */
  summaryTokens?: number;
  /** Sessions kept in RAM at once; the least recently used is dropped beyond this. */
  maxSessions?: number;
  /** A session untouched this long is dropped. */
  idleMs?: number;
  summarizer?: Summarizer;
  now?: () => number;
}

interface SessionState {
  subjectId: string;
  turns: SessionTurn[];
  summary: string | null;
  pending: SessionTurn[];
  touched: number;
}

export interface SessionMemory {
  /** Adds a turn (text passes the privacy boundary first) and evicts the oldest beyond the bounds. */
  add(sessionId: string, subjectId: string, turn: { role: SessionRole; text: string; at?: number }): void;
  /** The session's context; throws FORBIDDEN when the session belongs to another subject. */
  context(sessionId: string, subjectId: string): SessionContext;
  /** Folds evicted turns into the summary through the summarizer hook. */
  compact(sessionId: string, subjectId: string): Promise<void>;
  end(sessionId: string): void;
  /** Drops every session of a subject (erasure). */
  forgetSubject(subjectId: string): number;
  size(): number;
}

/**
 * Short-term memory lives in RAM only: it never reaches disk, so it needs no retention. Each session
 * is bound to one subject at creation; asking for it with another subject id is refused.
 */
export function createSessionMemory(options: SessionMemoryOptions): SessionMemory {
  const maxTurns = options.maxTurns ?? 20;
  const maxTokens = options.maxTokens ?? 2000;
  const summaryTokens = options.summaryTokens ?? Math.floor(maxTokens / 4);
  const maxSessions = options.maxSessions ?? 500;
  const idleMs = options.idleMs ?? 2 * 3_600_000;
  const summarizer = options.summarizer ?? extractiveSummarizer;
  const now = options.now ?? Date.now;
  if (maxTurns < 1 || maxTokens < 16 || summaryTokens >= maxTokens)
    throw new BugError('session memory bounds are inconsistent');
  const sessions = new Map<string, SessionState>();

  const sweep = (): void => {
    const t = now();
    for (const [id, s] of sessions) if (t - s.touched > idleMs) sessions.delete(id);
    while (sessions.size > maxSessions) {
      const oldest = sessions.keys().next();
      if (oldest.done) break;
      sessions.delete(oldest.value);
    }
  };

  const get = (sessionId: string, subjectId: string, create: boolean): SessionState | null => {
    const s = sessions.get(sessionId);
    if (s) {
      if (s.subjectId !== subjectId)
        throw new UserError('FORBIDDEN', 'This session belongs to another customer.');
      // Re-insert to keep Map order = least recently used first.
      sessions.delete(sessionId);
      sessions.set(sessionId, s);
      s.touched = now();
      return s;
    }
    if (!create) return null;
    const fresh: SessionState = { subjectId, turns: [], summary: null, pending: [], touched: now() };
    sessions.set(sessionId, fresh);
    sweep();
    return fresh;
  };

  const tokensOf = (s: SessionState): number =>
    s.turns.reduce((n, t) => n + estimateTokens(t.text), 0) + (s.summary ? estimateTokens(s.summary) : 0);

  const evict = (s: SessionState): void => {
    while (s.turns.length > maxTurns || (s.turns.length > 1 && tokensOf(s) > maxTokens)) {
      const old = s.turns.shift();
      if (old) s.pending.push(old);
    }
    // A single turn over budget is clipped rather than kept whole.
    const only = s.turns[0];
    if (s.turns.length === 1 && only && tokensOf(s) > maxTokens)
      only.text = clipToTokens(only.text, maxTokens - (s.summary ? estimateTokens(s.summary) : 0));
  };

  return {
    add(sessionId, subjectId, turn) {
      const s = get(sessionId, subjectId, true);
      if (!s) throw new BugError('session not created');
      s.turns.push({ role: turn.role, text: options.redact(turn.text), at: turn.at ?? now() });
      evict(s);
    },
    context(sessionId, subjectId) {
      const s = get(sessionId, subjectId, false);
      if (!s) return { sessionId, subjectId, summary: null, turns: [], tokens: 0 };
      return {
        sessionId,
        subjectId,
        summary: s.summary,
        turns: s.turns.map((t) => ({ ...t })),
        tokens: tokensOf(s),
      };
    },
    async compact(sessionId, subjectId) {
      const s = get(sessionId, subjectId, false);
      if (!s || s.pending.length === 0) return;
      const evicted = s.pending.splice(0);
      const text = await summarizer.summarize({
        previousSummary: s.summary,
        evicted,
        maxTokens: summaryTokens,
      });
      // The hook's output goes through the boundary too: an LLM summarizer could re-introduce PII.
      s.summary = clipToTokens(options.redact(text), summaryTokens);
      evict(s);
    },
    end(sessionId) {
      sessions.delete(sessionId);
    },
    forgetSubject(subjectId) {
      let n = 0;
      for (const [id, s] of sessions)
        if (s.subjectId === subjectId) {
          sessions.delete(id);
          n++;
        }
      return n;
    },
    size: () => sessions.size,
  };
}
