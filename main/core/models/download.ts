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
import { get as httpGet, type IncomingMessage } from 'node:http';
import { get as httpsGet } from 'node:https';
import { dirname } from 'node:path';
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

/**
 * GET with manual redirects (model hosts redirect to a CDN). node:http rather than fetch: fetch refuses
 * some ports outright and hides the socket error code we report.
 */
function request(
  url: string,
  headers: Record<string, string>,
  signal: AbortSignal | undefined,
  redirects = 5,
): Promise<IncomingMessage> {
  return new Promise((resolve, reject) => {
    const u = new URL(url);
    if (u.protocol !== 'http:' && u.protocol !== 'https:')
      return reject(new UserError('VALIDATION', `unsupported download URL scheme ${u.protocol}`));
    const get = u.protocol === 'https:' ? httpsGet : httpGet;
    const req = get(u, { headers, signal }, (res) => {
      const location = res.headers.location;
      if (res.statusCode && res.statusCode >= 300 && res.statusCode < 400 && location) {
        res.resume();
        if (redirects <= 0) return reject(new UserError('UNAVAILABLE', 'too many redirects'));
        return resolve(request(new URL(location, u).toString(), headers, signal, redirects - 1));
      }
      resolve(res);
    });
    req.on('error', reject);
  });
}

function networkError(url: string, err: unknown): UserError {
  if (err instanceof UserError) return err;
  const code = (err as { code?: string }).code ?? (err as Error).name;
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
  let res: IncomingMessage;
  try {
    res = await request(url, offset > 0 ? { Range: `bytes=${offset}-` } : {}, options.signal);
  } catch (err) {
    throw networkError(url, err);
  }
  const status = res.statusCode ?? 0;
  const complete = status === 416 && options.size !== null && offset === options.size;
  if (!complete && (status < 200 || status > 299)) {
    res.resume();
    throw new UserError('UNAVAILABLE', `download of ${new URL(url).pathname} failed: HTTP ${status}`);
  }
  const resumed = status === 206;
  if (!resumed && !complete) offset = 0; // the server ignored Range: start over
  const hash = resumed || complete ? await hashExisting(part) : createHash('sha256');
  const lengthHeader = Number(res.headers['content-length'] ?? NaN);
  const total = options.size ?? (Number.isFinite(lengthHeader) ? offset + lengthHeader : null);
  if (complete) res.resume();
  else {
    let received = offset;
    res.on('data', (chunk: Buffer) => {
      hash.update(chunk);
      received += chunk.length;
      options.onProgress?.(received, total);
    });
    try {
      await writeKeepingPartial(res, part, resumed ? 'a' : 'w');
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

/**
 * Streams the body into the .part file. Unlike stream.pipeline, a broken connection does not destroy the
 * file stream with bytes still buffered: they are flushed first, so a resume starts from all that arrived.
 */
function writeKeepingPartial(res: IncomingMessage, part: string, flags: 'a' | 'w'): Promise<void> {
  return new Promise((resolve, reject) => {
    const out = createWriteStream(part, { flags });
    let failure: unknown = null;
    const stop = (err: unknown) => {
      failure ??= err;
      res.unpipe(out);
      out.end();
    };
    res.on('error', stop);
    // A connection closed before the whole body arrived must end the file too, error event or not.
    res.on('close', () => {
      if (!res.complete) stop(new Error('connection closed before the download completed'));
    });
    out.on('error', (err) => {
      failure ??= err;
      res.destroy();
    });
    out.on('close', () => (failure ? reject(failure) : resolve()));
    res.pipe(out);
  });
}
