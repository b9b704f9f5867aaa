/**
 * Resumable, verified downloads. Bytes land in `<dest>.part`; an interrupted pull resumes with an HTTP
 * Range request. The file becomes visible under its real name (atomic rename) only after its size and
 * sha256 match the pinned values, so a partial or corrupt download can never be loaded.
 */
import { createHash } from 'node:crypto';
import {
  createReadStream,
  createWriteStream,
  existsSync,
  mkdirSync,
  renameSync,
  rmSync,
  statSync,
} from 'node:fs';
import { dirname } from 'node:path';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import type { ReadableStream as WebReadableStream } from 'node:stream/web';
import { UserError } from '../../../shared/errors';

export interface PullFileOptions {
  url: string;
  dest: string;
  sha256: string | null;
  size: number | null;
  signal?: AbortSignal;
  onProgress?: (received: number, total: number | null) => void;
}

export interface PullFileResult {
  sha256: string;
  size: number;
  resumedFrom: number;
  verified: boolean;
}

async function hashExisting(path: string): Promise<ReturnType<typeof createHash>> {
  const hash = createHash('sha256');
  if (existsSync(path)) for await (const chunk of createReadStream(path)) hash.update(chunk as Buffer);
  return hash;
}

function networkError(url: string, err: unknown): UserError {
  const cause = (err as { cause?: { code?: string } }).cause;
  const code = cause?.code ?? (err as Error).name;
  return new UserError('UNAVAILABLE', `cannot download from ${new URL(url).host}: ${code} (no network?)`, {
    cause: err,
  });
}

export async function pullFile(options: PullFileOptions): Promise<PullFileResult> {
  const { url, dest } = options;
  const part = `${dest}.part`;
  mkdirSync(dirname(dest), { recursive: true });
  let offset = existsSync(part) ? statSync(part).size : 0;
  if (options.size !== null && offset > options.size) {
    rmSync(part);
    offset = 0;
  }
  let res: Response;
  try {
    res = await fetch(url, {
      headers: offset > 0 ? { Range: `bytes=${offset}-` } : {},
      signal: options.signal,
      redirect: 'follow',
    });
  } catch (err) {
    throw networkError(url, err);
  }
  if (res.status === 416 && options.size !== null && offset === options.size) {
    // The .part already holds every byte; only verification is left.
  } else if (!res.ok || !res.body) {
    throw new UserError('UNAVAILABLE', `download of ${new URL(url).pathname} failed: HTTP ${res.status}`);
  }
  const resumed = res.status === 206;
  if (!resumed && res.status !== 416) offset = 0; // server ignored Range: start over
  const hash = resumed || res.status === 416 ? await hashExisting(part) : createHash('sha256');
  const lengthHeader = Number(res.headers.get('content-length') ?? NaN);
  const total = options.size ?? (Number.isFinite(lengthHeader) ? offset + lengthHeader : null);
  if (res.status !== 416 && res.body) {
    let received = offset;
    const body = Readable.fromWeb(res.body as WebReadableStream<Uint8Array>);
    body.on('data', (chunk: Buffer) => {
      hash.update(chunk);
      received += chunk.length;
      options.onProgress?.(received, total);
    });
    try {
      await pipeline(body, createWriteStream(part, { flags: resumed ? 'a' : 'w' }));
    } catch (err) {
      // The .part stays: the next pull resumes from what arrived.
      throw networkError(url, err);
    }
  }
  const size = statSync(part).size;
  const sha256 = hash.digest('hex');
  if (options.size !== null && size !== options.size) {
    if (size > options.size) rmSync(part, { force: true });
    throw new UserError(
      'UNAVAILABLE',
      `download of ${new URL(url).pathname} stopped at ${size} of ${options.size} bytes; run pull again to resume`,
    );
  }
  if (options.sha256 !== null && sha256 !== options.sha256) {
    rmSync(part, { force: true });
    throw new UserError(
      'CORRUPT',
      `downloaded ${new URL(url).pathname} has sha256 ${sha256}, expected ${options.sha256}; discarded`,
    );
  }
  renameSync(part, dest);
  return { sha256, size, resumedFrom: resumed ? offset : 0, verified: options.sha256 !== null };
}
