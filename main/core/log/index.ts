import pino, { type DestinationStream, type Logger as PinoLogger } from 'pino';

export type Logger = PinoLogger;
export type StringRedactor = (text: string) => string;

/**
 * Every string that reaches a log line passes through the redactor, field by field, so no call site
 * can forget to redact. The privacy module installs its detector here; until then a conservative
 * default masks digit runs and emails, which are the commonest accidental leaks.
 */
let activeRedactor: StringRedactor = defaultRedactor;

export function setLogRedactor(redactor: StringRedactor): void {
  activeRedactor = redactor;
}

export function defaultRedactor(text: string): string {
  return text
    .replace(/[\w.+-]{1,64}@[\w-]{1,63}(?:\.[\w-]{1,63}){1,8}/g, '[EMAIL]')
    .replace(/\d(?:[\s-]?\d){5,}/g, '[NUMBER]');
}

const MAX_DEPTH = 6;

export function redactDeep(value: unknown, redact: StringRedactor = activeRedactor, depth = 0): unknown {
  if (typeof value === 'string') return redact(value);
  if (depth >= MAX_DEPTH || value === null || typeof value !== 'object') return value;
  if (value instanceof Error) {
    return {
      type: value.name,
      message: redact(value.message),
      stack: value.stack ? redact(value.stack) : undefined,
    };
  }
  if (Array.isArray(value)) return value.map((item) => redactDeep(item, redact, depth + 1));
  const out: Record<string, unknown> = {};
  for (const [key, item] of Object.entries(value)) out[key] = redactDeep(item, redact, depth + 1);
  return out;
}

export interface LoggerOptions {
  level?: string;
  destination?: DestinationStream;
  name?: string;
}

/** Logs go to stderr by default: stdout belongs to CLI --json output. */
export function createLogger(options: LoggerOptions = {}): Logger {
  return pino(
    {
      name: options.name ?? 'confidant',
      level: options.level ?? process.env.CONFIDANT_LOG_LEVEL ?? 'info',
      hooks: {
        logMethod(args, method) {
          const redacted = args.map((arg) => redactDeep(arg)) as Parameters<typeof method>;
          return method.apply(this, redacted);
        },
      },
      serializers: { err: (err: unknown) => redactDeep(err) },
    },
    options.destination ?? pino.destination(2),
  );
}
