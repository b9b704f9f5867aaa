import {
  isProcedureName,
  procedures,
  type ProcedureName,
  type ProcedureOutput,
} from '../../../shared/contract';
import { toApiError, UserError } from '../../../shared/errors';
import type { Result } from '../../../shared/result';
import type { Logger } from '../log';
import type { output as ZodOutput } from 'zod';

export type Handler<N extends ProcedureName> = (
  input: ProcedureOutputInput<N>,
) => Promise<ProcedureOutput<N>> | ProcedureOutput<N>;
/** Handlers receive the parsed (output-side) zod type of the input schema. */
type ProcedureOutputInput<N extends ProcedureName> = ZodOutput<(typeof procedures)[N]['input']>;

export type Handlers = { [N in ProcedureName]: Handler<N> };

/**
 * The one entry point both transports call. It owns validation and error mapping so no transport
 * can forget either; the renderer never sees a stack trace.
 */
export function createDispatcher(handlers: Handlers, log: Logger) {
  return async function dispatch(name: string, rawInput: unknown): Promise<Result<unknown>> {
    if (!isProcedureName(name)) {
      return { ok: false, error: { code: 'NOT_FOUND', message: `Unknown procedure: ${name}` } };
    }
    const schema = procedures[name];
    const parsed = schema.input.safeParse(rawInput ?? {});
    if (!parsed.success) {
      const issue = parsed.error.issues[0];
      const where = issue && issue.path.length > 0 ? issue.path.join('.') : '(root)';
      return {
        ok: false,
        error: { code: 'VALIDATION', message: `Invalid input at ${where}: ${issue?.message ?? 'invalid'}` },
      };
    }
    try {
      const handler = handlers[name] as (input: unknown) => unknown;
      const value = await handler(parsed.data);
      return { ok: true, value };
    } catch (err) {
      if (!(err instanceof UserError)) log.error({ err, procedure: name }, 'procedure failed');
      return { ok: false, error: toApiError(err) };
    }
  };
}
export type Dispatch = ReturnType<typeof createDispatcher>;
