/**
 * A strict, streaming tar reader for audit bundles. It accepts only what every tar implementation reads
 * the same way (GNU tar, bsdtar, Go's archive/tar): POSIX ustar or GNU headers, regular files with
 * canonical relative names, each listed once, and an end-of-archive marker followed by nothing but zeros.
 * Anything a tar could extract differently (links, devices, absolute or `..` names, `./` variants,
 * duplicates, data after the end marker) is reported by member name. Bytes are streamed: memory does not
 * grow with the bundle, and inflation stops the moment a limit is hit.
 */
import { closeSync, createReadStream, openSync, readSync } from 'node:fs';
import { Readable } from 'node:stream';
import { createGunzip } from 'node:zlib';

export interface BundleLimits {
  /** Bytes of tar after gunzip, end marker and padding included. */
  maxExpandedBytes: number;
  /** Declared size of any one member. */
  maxMemberBytes: number;
  maxMembers: number;
}

/** Documented in docs/AUDIT.md; `bundle verify --max-bytes/--max-member-bytes` raise them. */
export const LIMITS: BundleLimits = {
  maxExpandedBytes: 512 * 1024 * 1024,
  maxMemberBytes: 256 * 1024 * 1024,
  maxMembers: 10_000,
};
/** Zero bytes tolerated after the end-of-archive marker (tar pads to its blocking factor, 10 KiB). */
const MAX_TRAILING = 1024 * 1024;
const MAX_PAX = 64 * 1024;
const PAX_KEYS = new Set(['path', 'size', 'mtime', 'atime', 'ctime', 'uid', 'gid', 'uname', 'gname']);

export class CorruptBundle extends Error {
  override readonly name: string = 'CorruptBundle';
}

/** The bundle may be fine, but reading it would pass a limit; the message says which and how to raise it. */
export class LimitExceeded extends CorruptBundle {
  override readonly name = 'LimitExceeded';
  constructor(what: string) {
    super(`limit exceeded: ${what}`);
  }
}

/** Bytes in memory, or a file read as a stream. */
export type BundleInput = Uint8Array | { path: string };

export interface MemberSink {
  data(chunk: Buffer): void;
  end(): void;
}

/** Returns where a regular, canonical, first-seen member's bytes go (null: skip them). */
export type OnMember = (name: string, size: number) => MemberSink | null;

export interface WalkResult {
  /** Problems that make the bundle invalid (exit 1), each naming the member. */
  problems: string[];
  expandedBytes: number;
}

export function quote(name: string): string {
  return JSON.stringify(name.length > 100 ? `${name.slice(0, 100)}…` : name);
}

export function formatBytes(n: number): string {
  const units = ['bytes', 'KiB', 'MiB', 'GiB', 'TiB'];
  let v = n;
  let u = 0;
  while (v >= 1024 && u < units.length - 1) {
    v /= 1024;
    u++;
  }
  return u === 0 ? `${n} bytes` : `${v.toFixed(v < 10 ? 1 : 0)} ${units[u]}`;
}

/** Why a member name is not one every tar would extract to the same single place, or null. */
export function nameProblem(name: string): string | null {
  if (name.length === 0) return 'has an empty name';
  if (name.startsWith('/')) return 'has an absolute name';
  // eslint-disable-next-line no-control-regex
  if (/[\u0000-\u001f\u007f]/u.test(name)) return 'has a control character in its name';
  if (name.includes('\\')) return 'has a backslash in its name';
  if (name.endsWith('/')) return 'names a folder';
  for (const segment of name.split('/')) {
    if (segment === '') return 'has an empty path segment (//)';
    if (segment === '.') return 'has a ./ path segment';
    if (segment === '..') return 'has a .. path segment';
  }
  if (name !== name.normalize('NFC')) return 'has a name not in Unicode NFC form';
  if (Buffer.byteLength(name) > 255) return 'has a name over 255 bytes';
  return null;
}

const TYPE_NAMES: Record<string, string> = {
  '1': 'hard link',
  '2': 'symbolic link',
  '3': 'character device',
  '4': 'block device',
  '5': 'folder',
  '6': 'FIFO',
  '7': 'contiguous file',
  g: 'global pax header',
  K: 'GNU long link name',
  L: 'GNU long name',
  S: 'GNU sparse file',
  V: 'volume label',
  M: 'multi-volume continuation',
};

const utf8 = new TextDecoder('utf-8', { fatal: true });

function cString(block: Buffer, off: number, len: number): string | null {
  const field = block.subarray(off, off + len);
  const end = field.indexOf(0);
  try {
    return utf8.decode(end === -1 ? field : field.subarray(0, end));
  } catch {
    return null;
  }
}

/** Octal (NUL/space terminated) or GNU base-256; anything else is a header no two readers agree on. */
function numeric(block: Buffer, off: number, len: number, where: string): number {
  const field = block.subarray(off, off + len);
  if ((field[0]! & 0x80) !== 0) {
    if (field[0] === 0xff) throw new CorruptBundle(`negative number in the header ${where}`);
    let v = field[0]! & 0x7f;
    for (let i = 1; i < field.length; i++) {
      v = v * 256 + field[i]!;
      if (!Number.isSafeInteger(v)) throw new CorruptBundle(`number too large in the header ${where}`);
    }
    return v;
  }
  const text = field
    .toString('latin1')
    .replace(/[\0 ]+$/u, '')
    .replace(/^ +/u, '');
  if (!/^[0-7]+$/u.test(text)) throw new CorruptBundle(`malformed number in the header ${where}`);
  return Number.parseInt(text, 8);
}

function headerChecksumOk(block: Buffer, where: string): boolean {
  let sum = 0;
  for (let i = 0; i < 512; i++) sum += i >= 148 && i < 156 ? 0x20 : block[i]!;
  return numeric(block, 148, 8, where) === sum;
}

function parsePax(data: Buffer, where: string): Map<string, string> {
  const out = new Map<string, string>();
  let off = 0;
  while (off < data.length) {
    const space = data.indexOf(0x20, off);
    const len = space === -1 ? NaN : Number(data.subarray(off, space).toString('latin1'));
    if (
      !Number.isSafeInteger(len) ||
      len <= space - off ||
      off + len > data.length ||
      data[off + len - 1] !== 0x0a
    )
      throw new CorruptBundle(`malformed pax header ${where}`);
    const record = cString(Buffer.concat([data.subarray(space + 1, off + len - 1), Buffer.alloc(1)]), 0, len);
    const eq = record?.indexOf('=') ?? -1;
    if (record === null || eq <= 0) throw new CorruptBundle(`malformed pax header ${where}`);
    out.set(record.slice(0, eq), record.slice(eq + 1));
    off += len;
  }
  return out;
}

type State = 'header' | 'body' | 'pax' | 'zero' | 'trailer';

/** Push parser: feed() decompressed bytes, finish() at the end of input. */
class TarReader {
  readonly problems: string[] = [];
  private state: State = 'header';
  private readonly block = Buffer.alloc(512);
  private filled = 0;
  private offset = 0;
  private remaining = 0;
  private padding = 0;
  private sink: MemberSink | null = null;
  private paxData: Buffer[] = [];
  private pax: Map<string, string> | null = null;
  private members = 0;
  private trailing = 0;
  /** Set once nothing more needs reading: the rest is already known to make the bundle invalid. */
  stopped = false;
  /** Case- and normalization-folded names, so `Entries.jsonl` on a case-insensitive disk is caught too. */
  private readonly seen = new Set<string>();
  private readonly folders = new Set<string>();
  private readonly files = new Set<string>();

  constructor(
    private readonly limits: BundleLimits,
    private readonly onMember: OnMember,
  ) {}

  feed(chunk: Buffer): void {
    let off = 0;
    while (off < chunk.length) {
      if (this.state === 'body' || this.state === 'pax') {
        if (this.remaining > 0) {
          const n = Math.min(this.remaining, chunk.length - off);
          const part = chunk.subarray(off, off + n);
          if (this.state === 'pax') this.paxData.push(Buffer.from(part));
          else this.sink?.data(part);
          this.remaining -= n;
          off += n;
          this.offset += n;
          if (this.remaining === 0) this.endBody();
          continue;
        }
        const n = Math.min(this.padding, chunk.length - off);
        this.padding -= n;
        off += n;
        this.offset += n;
        if (this.padding === 0) this.state = 'header';
        continue;
      }
      if (this.state === 'trailer') {
        const rest = chunk.subarray(off);
        if (rest.some((b) => b !== 0)) {
          this.problems.push(
            'data after the end-of-archive marker (some tar readers would extract it, others not)',
          );
          this.stopped = true;
          return;
        }
        this.trailing += rest.length;
        if (this.trailing > MAX_TRAILING)
          throw new LimitExceeded(`more than ${formatBytes(MAX_TRAILING)} after the end-of-archive marker`);
        return;
      }
      const n = Math.min(512 - this.filled, chunk.length - off);
      chunk.copy(this.block, this.filled, off, off + n);
      this.filled += n;
      off += n;
      if (this.filled === 512) {
        this.filled = 0;
        this.header();
        this.offset += 512;
      }
    }
  }

  finish(): void {
    if (this.filled !== 0 || this.state === 'body' || this.state === 'pax')
      throw new CorruptBundle('truncated archive: the last member is cut short');
    if (this.state !== 'trailer') throw new CorruptBundle('truncated archive: no end-of-archive marker');
  }

  private endBody(): void {
    if (this.state === 'pax') {
      this.pax = parsePax(Buffer.concat(this.paxData), `at byte ${this.offset}`);
      this.paxData = [];
      for (const key of this.pax.keys())
        if (!PAX_KEYS.has(key)) {
          this.problems.push(`a pax header sets ${quote(key)}, which tar readers interpret differently`);
          break;
        }
    } else {
      this.sink?.end();
      this.sink = null;
    }
    if (this.padding === 0) this.state = 'header';
  }

  private header(): void {
    const block = this.block;
    const where = `at byte ${this.offset}`;
    if (block.every((b) => b === 0)) {
      if (this.pax) throw new CorruptBundle(`a pax header ${where} describes no member`);
      this.state = this.state === 'zero' ? 'trailer' : 'zero';
      return;
    }
    if (this.state === 'zero')
      this.problems.push(
        `a lone zero block before byte ${this.offset} (tar readers disagree on what follows)`,
      );
    this.state = 'header';
    if (!headerChecksumOk(block, where)) throw new CorruptBundle(`bad tar header checksum ${where}`);
    const magic = block.subarray(257, 265).toString('latin1');
    const ustar = magic === 'ustar\u000000';
    if (!ustar && magic !== 'ustar  \u0000')
      throw new CorruptBundle(`not a POSIX tar archive (unknown header format ${where})`);
    const flag = block[156] === 0 ? '0' : String.fromCharCode(block[156]!);
    let size = numeric(block, 124, 12, where);

    if (flag === 'x') {
      if (this.pax) throw new CorruptBundle(`two pax headers in a row ${where}`);
      if (size > MAX_PAX) throw new LimitExceeded(`a pax header ${where} over ${formatBytes(MAX_PAX)}`);
      this.begin('pax', size);
      return;
    }
    let name = cString(block, 0, 100);
    const prefix = ustar ? cString(block, 345, 155) : '';
    if (name !== null && prefix === null) name = null;
    if (name !== null && prefix) name = `${prefix}/${name}`;
    const pax = this.pax;
    this.pax = null;
    if (pax?.has('path')) name = pax.get('path')!;
    if (pax?.has('size')) {
      const s = pax.get('size')!;
      if (!/^\d{1,16}$/u.test(s)) throw new CorruptBundle(`malformed pax size ${where}`);
      size = Number(s);
    }
    if (++this.members > this.limits.maxMembers)
      throw new LimitExceeded(`more than ${this.limits.maxMembers} members`);
    const shown = name === null ? `(name ${where} is not UTF-8)` : quote(name);

    let sink: MemberSink | null = null;
    const kind = flag === '0' ? null : (TYPE_NAMES[flag] ?? `member of unknown type ${JSON.stringify(flag)}`);
    if (kind !== null) {
      const link = cString(block, 157, 100);
      const target =
        (flag === '1' || flag === '2') && link ? ` to ${quote(pax?.get('linkpath') ?? link)}` : '';
      this.problems.push(`member ${shown} is a ${kind}${target}: a bundle holds only regular files`);
    } else if (name === null) {
      this.problems.push(`member ${shown}: names must be UTF-8`);
    } else {
      const why = nameProblem(name);
      const folded = name.normalize('NFC').toLowerCase();
      if (why) this.problems.push(`member ${shown} ${why}`);
      else if (this.seen.has(folded))
        this.problems.push(`member ${shown} appears more than once (tar would keep only the last copy)`);
      else if (this.files.has(folded) || this.folders.has(folded))
        this.problems.push(`member ${shown} is both a file and a folder`);
      else {
        this.seen.add(folded);
        const parts = folded.split('/');
        for (let i = 1; i < parts.length; i++) {
          const folder = parts.slice(0, i).join('/');
          if (this.files.has(folder))
            this.problems.push(`member ${quote(folder)} is both a file and a folder`);
          this.folders.add(folder);
        }
        this.files.add(folded);
        if (size > this.limits.maxMemberBytes)
          throw new LimitExceeded(
            `member ${shown} declares ${formatBytes(size)}, over the ${formatBytes(this.limits.maxMemberBytes)} per-member limit (raise it with --max-member-bytes)`,
          );
        sink = this.onMember(name, size);
      }
    }
    if (size > this.limits.maxExpandedBytes)
      throw new LimitExceeded(
        `member ${shown} declares ${formatBytes(size)}, over the ${formatBytes(this.limits.maxExpandedBytes)} bundle limit (raise it with --max-bytes)`,
      );
    this.sink = sink;
    this.begin('body', size);
  }

  private begin(state: 'body' | 'pax', size: number): void {
    this.state = state;
    this.remaining = size;
    this.padding = (512 - (size % 512)) % 512;
    if (size === 0) this.endBody();
  }
}

function isGzipStart(input: BundleInput): boolean {
  let head: Uint8Array;
  if (input instanceof Uint8Array) head = input;
  else {
    head = Buffer.alloc(2);
    const fd = openSync(input.path, 'r');
    try {
      if (readSync(fd, head, 0, 2, 0) < 2) return false;
    } finally {
      closeSync(fd);
    }
  }
  return head.length >= 2 && head[0] === 0x1f && head[1] === 0x8b;
}

/**
 * Streams the bundle's members through `onMember`. Throws CorruptBundle (unreadable: truncated, bad
 * headers or gzip, a limit) and returns the problems that make a readable bundle invalid.
 */
export async function walkTar(
  input: BundleInput,
  onMember: OnMember,
  limits: BundleLimits = LIMITS,
): Promise<WalkResult> {
  let gzip: boolean;
  try {
    gzip = isGzipStart(input);
  } catch (err) {
    throw new CorruptBundle(`cannot read the bundle (${(err as NodeJS.ErrnoException).code ?? 'error'})`);
  }
  const raw =
    input instanceof Uint8Array
      ? Readable.from([Buffer.from(input.buffer, input.byteOffset, input.byteLength)])
      : createReadStream(input.path, { highWaterMark: 256 * 1024 });
  const gunzip = gzip ? createGunzip({ chunkSize: 64 * 1024 }) : null;
  const stream: Readable = gunzip ? raw.pipe(gunzip) : raw;
  if (gunzip) raw.on('error', (err: Error) => gunzip.destroy(err));
  const reader = new TarReader(limits, onMember);
  let expanded = 0;
  try {
    for await (const chunk of stream) {
      expanded += (chunk as Buffer).length;
      if (expanded > limits.maxExpandedBytes)
        throw new LimitExceeded(
          `the bundle expands past ${formatBytes(limits.maxExpandedBytes)} (raise it with --max-bytes)`,
        );
      reader.feed(chunk as Buffer);
      if (reader.stopped) break;
    }
  } catch (err) {
    if (err instanceof CorruptBundle) throw err;
    const code = (err as NodeJS.ErrnoException).code;
    if (gzip && typeof code === 'string' && code.startsWith('Z_'))
      throw new CorruptBundle('not a readable gzip stream (damaged or cut short)');
    throw new CorruptBundle(`cannot read the bundle (${code ?? (err as Error)?.name ?? 'error'})`);
  } finally {
    stream.destroy();
    raw.destroy();
  }
  if (expanded === 0) throw new CorruptBundle('empty file');
  if (!reader.stopped) reader.finish();
  return { problems: reader.problems, expandedBytes: expanded };
}

/** Every member's bytes in memory (tests and small tools; the verifier itself streams). */
export async function readTar(
  input: BundleInput,
  limits: BundleLimits = LIMITS,
): Promise<{ files: Map<string, Buffer>; problems: string[] }> {
  const files = new Map<string, Buffer>();
  const { problems } = await walkTar(
    input,
    (name) => {
      const chunks: Buffer[] = [];
      return {
        data: (c) => chunks.push(Buffer.from(c)),
        end: () => files.set(name, Buffer.concat(chunks)),
      };
    },
    limits,
  );
  return { files, problems };
}
