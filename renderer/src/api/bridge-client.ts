import type { ConfidantApi, ProcedureName, ProcedureOutput } from '../../../shared/contract';
import type { Result } from '../../../shared/result';

export interface BridgeEvent {
  topic: string;
  data: unknown;
}

export interface BridgeClient extends ConfidantApi {
  /** Server push (SSE over fetch, so the token travels in a header). Returns an unsubscribe function. */
  subscribe(listener: (event: BridgeEvent) => void): () => void;
}

type FetchLike = (input: string, init?: RequestInit) => Promise<Response>;

function transportFailure(message: string): Result<never> {
  return { ok: false, error: { code: 'UNAVAILABLE', message } };
}

/** Parses complete SSE records from a buffer and returns what is left over for the next chunk. */
export function parseSse(buffer: string, emit: (event: BridgeEvent) => void): string {
  const records = buffer.split('\n\n');
  const rest = records.pop() ?? '';
  for (const record of records) {
    let topic = 'message';
    const data: string[] = [];
    for (const line of record.split('\n')) {
      if (line.startsWith('event: ')) topic = line.slice(7);
      else if (line.startsWith('data: ')) data.push(line.slice(6));
    }
    if (data.length === 0) continue;
    try {
      emit({ topic, data: JSON.parse(data.join('\n')) });
    } catch {
      // A malformed record is dropped rather than breaking the stream for the records after it.
    }
  }
  return rest;
}

export function createBridgeClient(options: {
  origin: string;
  token: string;
  fetch?: FetchLike;
}): BridgeClient {
  const doFetch: FetchLike = options.fetch ?? ((input, init) => fetch(input, init));
  const auth = { Authorization: `Bearer ${options.token}` };

  return {
    async call<N extends ProcedureName>(name: N, input: unknown): Promise<Result<ProcedureOutput<N>>> {
      let response: Response;
      try {
        response = await doFetch(`${options.origin}/api/call`, {
          method: 'POST',
          headers: { ...auth, 'Content-Type': 'application/json' },
          body: JSON.stringify({ name, input }),
          // The sign-in session rides in an HttpOnly cookie this page cannot read; same origin only.
          credentials: 'same-origin',
        });
      } catch {
        return transportFailure('Cannot reach the Confidant core. Is `confidant web` still running?');
      }
      try {
        return (await response.json()) as Result<ProcedureOutput<N>>;
      } catch {
        return transportFailure(`The core answered HTTP ${response.status} without a result.`);
      }
    },

    subscribe(listener) {
      const controller = new AbortController();
      void (async () => {
        try {
          const response = await doFetch(`${options.origin}/api/events`, {
            headers: auth,
            credentials: 'same-origin',
            signal: controller.signal,
          });
          if (!response.ok || !response.body) return;
          const reader = response.body.pipeThrough(new TextDecoderStream()).getReader();
          let buffer = '';
          for (;;) {
            const { value, done } = await reader.read();
            if (done) return;
            buffer = parseSse(buffer + value, listener);
          }
        } catch {
          // Aborted on unsubscribe, or the core stopped: pages fall back to explicit refresh.
        }
      })();
      return () => controller.abort();
    },
  };
}
