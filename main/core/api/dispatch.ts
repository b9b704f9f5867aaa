import type { output as ZodOutput } from 'zod';
import {
  isProcedureName,
  procedures,
  type ProcedureName,
  type ProcedureOutput,
} from '../../../shared/contract';
import { toApiError, UserError } from '../../../shared/errors';
import type { Result } from '../../../shared/result';
import type { Logger } from '../log';

/** Where a call came from. Handlers may use it for audit actors; they must not trust it for secrets. */
export interface CallContext {
  transport: 'ipc' | 'bridge' | 'cli' | 'test';
}

/** Handlers receive the parsed (output-side) zod type of the input schema. */
type ProcedureOutputInput<N extends ProcedureName> = ZodOutput<(typeof procedures)[N]['input']>;

export type Handler<N extends ProcedureName> = (
  input: ProcedureOutputInput<N>,
  ctx: CallContext,
) => Promise<ProcedureOutput<N>> | ProcedureOutput<N>;

export type Handlers = { [N in ProcedureName]: Handler<N> };

const DEFAULT_CONTEXT: CallContext = { transport: 'test' };

/**
 * The one entry point both transports call. It owns validation and error mapping so no transport
 * can forget either; the renderer never sees a stack trace. Outputs are validated too: a handler that
 * drifts from the contract is a bug we want to see here, not a confusing render failure.
 */
export interface DispatcherOptions {
  /**
   * Called after a procedure succeeded, with its name only (never its input or output), so a transport can
   * tell other open views to refresh. Reads (`*.get`, `*.list`, `*.search`) are not reported.
   */
  onChange?: (procedure: ProcedureName) => void;
}

const READ_ONLY = /\.(get|list|search)$/;

export function createDispatcher(handlers: Handlers, log: Logger, options: DispatcherOptions = {}) {
  return async function dispatch(
    name: string,
    rawInput: unknown,
    ctx: CallContext = DEFAULT_CONTEXT,
  ): Promise<Result<unknown>> {
    if (typeof name !== 'string' || !isProcedureName(name)) {
      return {
        ok: false,
        error: { code: 'NOT_FOUND', message: `Unknown procedure: ${String(name).slice(0, 80)}` },
      };
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
      const handler = handlers[name] as (input: unknown, ctx: CallContext) => unknown;
      const value = await handler(parsed.data, ctx);
      const checked = schema.output.safeParse(value);
      if (!checked.success) {
        log.error(
          { procedure: name, issues: checked.error.issues.length },
          'handler output broke the contract',
        );
        return {
          ok: false,
          error: { code: 'INTERNAL', message: 'Internal error; see the desk log for details.' },
        };
      }
      if (options.onChange && !READ_ONLY.test(name)) {
        try {
          options.onChange(name);
        } catch (err) {
          log.warn({ err, procedure: name }, 'change listener failed');
        }
      }
      return { ok: true, value: checked.data };
    } catch (err) {
      if (!(err instanceof UserError)) log.error({ err, procedure: name }, 'procedure failed');
      return { ok: false, error: toApiError(err) };
    }
  };
}
export type Dispatch = ReturnType<typeof createDispatcher>;
