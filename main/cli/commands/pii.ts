import { once } from 'node:events';
import { createReadStream, createWriteStream, existsSync } from 'node:fs';
import { createInterface } from 'node:readline';
import { UserError } from '../../../shared/errors';
import { detectPii, isPiiType, PII_TYPES, redactText, type PiiType } from '../../core/privacy';
import type { Command } from '../command';
import { EXIT } from '../exit-codes';
import { checkOutputFile } from '../output-path';

/** One output object per JSONL input line, per docs/formats/pii.md. Never echoes input text on error. */
export function detectLine(line: string, types?: readonly PiiType[]): Record<string, unknown> {
  let parsed: unknown;
  try {
    parsed = JSON.parse(line);
  } catch {
    return { id: null, error: 'line is not valid JSON' };
  }
  if (parsed === null || typeof parsed !== 'object' || Array.isArray(parsed)) {
    return { id: null, error: 'line is not a JSON object' };
  }
  const record = parsed as Record<string, unknown>;
  const id = typeof record.id === 'string' || typeof record.id === 'number' ? record.id : null;
  if (typeof record.text !== 'string') return { id, error: 'missing string field "text"' };
  try {
    const spans = detectPii(record.text, types ? { types } : {});
    return { id, spans, redacted: redactText(record.text, spans) };
  } catch (err) {
    return { id, error: err instanceof UserError ? err.message : 'detection failed' };
  }
}

/**
 * `--types` narrows the scan to some types (only their recognizers run, so it is faster) and is checked
 * before any input is read: a typo must not silently report nothing.
 */
function parseTypes(list: string): PiiType[] {
  const names = list
    .split(',')
    .map((t) => t.trim())
    .filter((t) => t !== '');
  const unknown = names.filter((t) => !isPiiType(t));
  if (names.length === 0 || unknown.length > 0) {
    throw new UserError(
      'VALIDATION',
      `--types takes a comma-separated list of: ${PII_TYPES.join(', ')}${unknown.length > 0 ? ` (unknown: ${unknown.join(', ')})` : ''}.`,
    );
  }
  return names.filter(isPiiType);
}

export const piiDetectCommand: Command = {
  name: 'pii detect',
  summary:
    'Detect PII in JSON Lines (see contracts/pii.md): {"id","text"} in, {"id","spans","redacted"} out.',
  usage: 'pii detect [--in FILE] [--out FILE] [--types TYPE,TYPE...]',
  options: { in: { type: 'string' }, out: { type: 'string' }, types: { type: 'string' } },
  async run(ctx) {
    const types = typeof ctx.values.types === 'string' ? parseTypes(ctx.values.types) : undefined;
    const inPath = ctx.values.in;
    const outPath = ctx.values.out;
    if (typeof inPath === 'string' && !existsSync(inPath)) {
      throw new UserError('CORRUPT', 'Input file not found or unreadable.');
    }
    if (typeof outPath === 'string') checkOutputFile(outPath);
    const input = typeof inPath === 'string' ? createReadStream(inPath, 'utf8') : ctx.io.stdin;
    const output = typeof outPath === 'string' ? createWriteStream(outPath) : ctx.io.stdout;
    // A write error after the checks (the disk fills up) must reach the catch in main, not crash the process.
    const failed = new Promise<never>((_, reject) => {
      (output as NodeJS.EventEmitter).once('error', reject);
      (input as NodeJS.EventEmitter).once('error', reject);
    });
    failed.catch(() => undefined);
    // Streaming, line by line: memory stays bounded by the longest line, not the file.
    const lines = createInterface({ input, crlfDelay: Infinity });
    let total = 0;
    let errors = 0;
    const reading = (async () => {
      for await (const line of lines) {
        if (line.trim() === '') continue;
        const result = detectLine(line, types);
        total++;
        if ('error' in result) errors++;
        if (!output.write(`${JSON.stringify(result)}\n`)) await once(output, 'drain');
      }
      if (output !== ctx.io.stdout) {
        output.end();
        await once(output, 'finish');
      }
    })();
    await Promise.race([reading, failed]);
    ctx.info(`pii detect: ${total} lines, ${errors} with errors`);
    return EXIT.OK;
  },
};
