/** Reads a (optionally gzipped) tar into memory with hard limits, never trusting its headers. */
import { gunzipSync } from 'node:zlib';
import tar from 'tar-stream';

export const LIMITS = {
  /** Largest bundle (after gunzip) we will read. */
  maxBytes: 1024 * 1024 * 1024,
  maxFiles: 10_000,
};

export class CorruptBundle extends Error {
  override readonly name = 'CorruptBundle';
}

export interface TarFiles {
  files: Map<string, Buffer>;
  duplicates: string[];
}

function isGzip(bytes: Uint8Array): boolean {
  return bytes.length >= 2 && bytes[0] === 0x1f && bytes[1] === 0x8b;
}

export async function readTar(input: Uint8Array): Promise<TarFiles> {
  let bytes: Buffer;
  try {
    bytes = isGzip(input)
      ? gunzipSync(input, { maxOutputLength: LIMITS.maxBytes })
      : Buffer.from(input.buffer, input.byteOffset, input.byteLength);
  } catch {
    throw new CorruptBundle('not a readable gzip stream');
  }
  if (bytes.length < 512 || bytes.length % 512 !== 0)
    throw new CorruptBundle('not a tar archive (bad length)');
  const files = new Map<string, Buffer>();
  const duplicates: string[] = [];
  const extract = tar.extract();
  const reading = (async () => {
    for await (const entry of extract) {
      const header = entry.header;
      const chunks: Buffer[] = [];
      for await (const chunk of entry) chunks.push(chunk as Buffer);
      if (header.type !== 'file' && header.type !== 'contiguous-file') continue;
      const name = header.name.replace(/^\.\//, '');
      if (files.has(name)) duplicates.push(name);
      files.set(name, Buffer.concat(chunks));
      if (files.size > LIMITS.maxFiles) throw new CorruptBundle('too many files');
    }
  })();
  // Errors surface through the iterator; feeding must not throw on its own.
  extract.on('error', () => undefined);
  extract.end(bytes);
  try {
    await reading;
  } catch (err) {
    if (err instanceof CorruptBundle) throw err;
    throw new CorruptBundle(`not a readable tar archive (${(err as Error).message.slice(0, 80)})`);
  }
  if (files.size === 0) throw new CorruptBundle('empty archive');
  return { files, duplicates };
}
