/**
 * Hostile audit bundles, built from a real one: every way a tar can make one reader see other files
 * than another, and gzip bombs written as a stream (a 1 GB bomb never sits in memory).
 */
import { createWriteStream } from 'node:fs';
import { once } from 'node:events';
import { createGzip } from 'node:zlib';

export interface MemberSpec {
  name: string;
  data?: Buffer;
  /** Declared size when it differs from data (a lie, or a body written separately). */
  size?: number;
  /** tar typeflag: '0' file, '1' hard link, '2' symlink, '3' char device, '5' folder... */
  type?: string;
  linkname?: string;
}

function octal(value: number, width: number): string {
  return `${value.toString(8).padStart(width - 1, '0')}\0`;
}

/** One ustar header block, checksummed, for any name and type (no validation: that is the point). */
export function tarHeader(spec: MemberSpec): Buffer {
  const h = Buffer.alloc(512);
  const name = Buffer.from(spec.name, 'utf8');
  if (name.length > 100) throw new Error('test corpus: name over 100 bytes');
  name.copy(h, 0);
  h.write(octal(0o644, 8), 100, 'latin1');
  h.write(octal(0, 8), 108, 'latin1');
  h.write(octal(0, 8), 116, 'latin1');
  h.write(octal(spec.size ?? spec.data?.length ?? 0, 12), 124, 'latin1');
  h.write(octal(1_700_000_000, 12), 136, 'latin1');
  h.write(spec.type ?? '0', 156, 'latin1');
  if (spec.linkname) h.write(spec.linkname, 157, 'utf8');
  h.write('ustar\u000000', 257, 'latin1');
  h.fill(0x20, 148, 156);
  let sum = 0;
  for (const b of h) sum += b;
  h.write(`${sum.toString(8).padStart(6, '0')}\0 `, 148, 'latin1');
  return h;
}

export function padding(size: number): Buffer {
  return Buffer.alloc((512 - (size % 512)) % 512);
}

/** A complete tar: members in order, then the two zero blocks. */
export function buildTar(members: MemberSpec[]): Buffer {
  const parts: Buffer[] = [];
  for (const m of members) {
    const data = m.data ?? Buffer.alloc(0);
    parts.push(tarHeader(m), data, padding(data.length));
  }
  parts.push(Buffer.alloc(1024));
  return Buffer.concat(parts);
}

export function membersOf(files: Map<string, Buffer>): MemberSpec[] {
  return [...files].map(([name, data]) => ({ name, data }));
}

/**
 * Writes `prefix` members, then `count` members of `each` zero bytes named `${name}-i`, then the end
 * marker, gzipped at level 1, streaming: memory stays a few MiB whatever the expanded size.
 */
export async function writeGzipBomb(
  path: string,
  prefix: MemberSpec[],
  bomb: { name: string; each: number; count: number },
): Promise<void> {
  const gzip = createGzip({ level: 1 });
  const out = createWriteStream(path);
  gzip.pipe(out);
  const write = async (b: Buffer): Promise<void> => {
    if (!gzip.write(b)) await once(gzip, 'drain');
  };
  const head = buildTar(prefix);
  await write(head.subarray(0, head.length - 1024));
  const zeros = Buffer.alloc(4 * 1024 * 1024);
  for (let i = 0; i < bomb.count; i++) {
    await write(tarHeader({ name: bomb.count === 1 ? bomb.name : `${bomb.name}-${i}`, size: bomb.each }));
    for (let left = bomb.each; left > 0; left -= zeros.length)
      await write(left >= zeros.length ? zeros : zeros.subarray(0, left));
    await write(padding(bomb.each));
  }
  gzip.end(Buffer.alloc(1024));
  await once(out, 'finish');
}
