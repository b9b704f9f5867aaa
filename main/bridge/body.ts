import type { IncomingMessage } from 'node:http';
import { UserError } from '../../shared/errors';

export class BodyTooLargeError extends Error {
  override readonly name = 'BodyTooLargeError';
}

/** Reads at most `limit` bytes; a larger body is refused before it is buffered, not after. */
export async function readBody(req: IncomingMessage, limit: number): Promise<Buffer> {
  const declared = Number(req.headers['content-length'] ?? '0');
  if (Number.isFinite(declared) && declared > limit) throw new BodyTooLargeError();
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req as AsyncIterable<Buffer>) {
    size += chunk.length;
    if (size > limit) throw new BodyTooLargeError();
    chunks.push(chunk);
  }
  return Buffer.concat(chunks);
}

export interface CallRequest {
  name: string;
  input: unknown;
}

/** Shape-checks the envelope only; the dispatcher validates `input` against the procedure's schema. */
export function parseCallRequest(body: Buffer): CallRequest {
  let value: unknown;
  try {
    value = JSON.parse(body.toString('utf8'));
  } catch {
    throw new UserError('VALIDATION', 'Request body is not valid JSON.');
  }
  if (value === null || typeof value !== 'object' || Array.isArray(value)) {
    throw new UserError('VALIDATION', 'Request body must be an object {name, input}.');
  }
  const { name, input } = value as { name?: unknown; input?: unknown };
  if (typeof name !== 'string' || name.length === 0 || name.length > 128) {
    throw new UserError('VALIDATION', 'Request field "name" must be a procedure name.');
  }
  return { name, input };
}
