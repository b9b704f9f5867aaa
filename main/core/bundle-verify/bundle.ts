/**
 * Verifies an audit bundle (docs/formats/audit-bundle.md) with nothing but its bytes and, optionally, a key
 * the auditor already trusts. Order of checks: container, manifest signature and digests, checkpoint
 * signatures, every inclusion proof, the chain links between adjacent entries, the consistency proof.
 */
import { createHash } from 'node:crypto';
import { leafHash, verifyConsistency, verifyInclusion } from './merkle';
import {
  decodeBase64,
  parseCheckpointBody,
  parseVerifierKey,
  verifyEd25519,
  verifyNote,
  type Checkpoint,
  type VerifierKey,
} from './note';
import {
  CorruptBundle,
  LIMITS,
  LimitExceeded,
  formatBytes,
  quote,
  walkTar,
  type BundleInput,
  type BundleLimits,
} from './tar';

export interface BundleReport {
  ok: boolean;
  /** Entry lines whose inclusion proof verified. */
  entries: number;
  problems: string[];
  /** True when the bundle could not be read at all (CLI exit 4 rather than 1). */
  corrupt: boolean;
  /** True when reading stopped because a size limit was hit (then `corrupt` is true too). */
  limitExceeded?: boolean;
  /** What the verdict rests on: a key the auditor pinned, an earlier checkpoint they kept, or neither. */
  anchor: 'trusted-key' | 'checkpoint' | 'none';
  /** What was checked against, for humans; not part of the CLI JSON. */
  checkpoint?: { origin: string; size: number; root: string; signers: string[] };
}

export interface BundleVerifyOptions {
  /** A verifier key (`name+hex+base64`) the auditor trusts; the bundle must be signed by it. */
  trustedKey?: string;
  /**
   * A checkpoint the auditor kept from an earlier bundle (signed-note text). The bundle must prove, via
   * consistency.json, that its tree extends it; a mismatch means the ledger was rewritten since.
   */
  previousCheckpoint?: string;
  /** Stop listing problems after this many (the count is still reported). */
  maxProblems?: number;
  /** Raise (or lower) the size limits; defaults in LIMITS, documented in docs/AUDIT.md. */
  limits?: Partial<BundleLimits>;
}

export type Anchor = BundleReport['anchor'];

const MAX_LINE = 4 * 1024 * 1024;

function corrupt(message: string, anchor: Anchor = 'none'): BundleReport {
  return { ok: false, entries: 0, problems: [`corrupt: ${message}`], corrupt: true, anchor };
}

function anchorOf(options: BundleVerifyOptions): Anchor {
  if (options.trustedKey !== undefined) return 'trusted-key';
  return options.previousCheckpoint !== undefined ? 'checkpoint' : 'none';
}

/** Members read into memory (all small); every other member is only hashed, entries.jsonl streamed. */
function isSmallMember(name: string): boolean {
  return (
    name === 'checkpoint' ||
    name === 'manifest.json' ||
    name === 'manifest.sig' ||
    name === 'consistency.json' ||
    name === 'consistency-checkpoint' ||
    (name.startsWith('keys/') && name.endsWith('.vkey'))
  );
}
const SMALL_MEMBER_MAX = 1024 * 1024;
const SMALL_TOTAL_MAX = 8 * 1024 * 1024;

interface Pass1 {
  small: Map<string, Buffer>;
  digests: Map<string, string>;
  problems: string[];
}

async function firstPass(input: BundleInput, limits: BundleLimits): Promise<Pass1> {
  const small = new Map<string, Buffer>();
  const digests = new Map<string, string>();
  let smallTotal = 0;
  const { problems } = await walkTar(
    input,
    (name, size) => {
      const keep = isSmallMember(name);
      if (keep && size > SMALL_MEMBER_MAX)
        throw new LimitExceeded(
          `member ${quote(name)} is ${formatBytes(size)}, over ${formatBytes(SMALL_MEMBER_MAX)}`,
        );
      smallTotal += keep ? size : 0;
      if (smallTotal > SMALL_TOTAL_MAX)
        throw new LimitExceeded(
          `keys, checkpoints and manifest together pass ${formatBytes(SMALL_TOTAL_MAX)}`,
        );
      const hash = createHash('sha256');
      const chunks: Buffer[] = [];
      return {
        data(chunk) {
          hash.update(chunk);
          if (keep) chunks.push(Buffer.from(chunk));
        },
        end() {
          digests.set(name, hash.digest('hex'));
          if (keep) small.set(name, Buffer.concat(chunks));
        },
      };
    },
    limits,
  );
  return { small, digests, problems };
}

/** Splits a member's bytes into lines without ever holding more than one line (capped) in memory. */
class LineSplitter {
  private parts: Buffer[] = [];
  private length = 0;
  private tooLong = false;
  count = 0;

  constructor(private readonly onLine: (line: string | null, index: number) => void) {}

  data(chunk: Buffer): void {
    let off = 0;
    while (off < chunk.length) {
      const nl = chunk.indexOf(0x0a, off);
      const end = nl === -1 ? chunk.length : nl;
      this.add(chunk.subarray(off, end));
      if (nl === -1) return;
      this.emit();
      off = nl + 1;
    }
  }

  end(): void {
    if (this.length > 0 || this.tooLong) this.emit();
  }

  private add(part: Buffer): void {
    if (this.tooLong || part.length === 0) return;
    this.length += part.length;
    if (this.length > MAX_LINE) {
      this.tooLong = true;
      this.parts = [];
    } else this.parts.push(Buffer.from(part));
  }

  private emit(): void {
    this.onLine(this.tooLong ? null : Buffer.concat(this.parts).toString('utf8'), this.count++);
    this.parts = [];
    this.length = 0;
    this.tooLong = false;
  }
}

function parseJson(bytes: Buffer): unknown {
  try {
    return JSON.parse(bytes.toString('utf8')) as unknown;
  } catch {
    return undefined;
  }
}

function isObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

function decodeHashes(value: unknown): Buffer[] | null {
  if (!Array.isArray(value) || value.length > 64) return null;
  const out: Buffer[] = [];
  for (const item of value) {
    const h = typeof item === 'string' ? decodeBase64(item) : null;
    if (!h || h.length !== 32) return null;
    out.push(h);
  }
  return out;
}

function sameKey(a: VerifierKey, b: VerifierKey): boolean {
  return a.name === b.name && a.keyId === b.keyId && a.publicKey.equals(b.publicKey);
}

function canonicalish(v: unknown): string {
  // Stable comparison of decoded JSON values: sort object keys recursively.
  if (Array.isArray(v)) return `[${v.map(canonicalish).join(',')}]`;
  if (isObject(v))
    return `{${Object.keys(v)
      .sort()
      .map((k) => `${JSON.stringify(k)}:${canonicalish(v[k])}`)
      .join(',')}}`;
  return JSON.stringify(v) ?? 'undefined';
}

/**
 * Two streamed passes over the input: the first checks the container and hashes every member, keeping
 * only the small ones; the second feeds entries.jsonl line by line to the proof checks. Memory stays
 * bounded whatever the bundle's size (a file input is never read whole).
 */
export async function verifyBundle(
  input: BundleInput,
  options: BundleVerifyOptions = {},
): Promise<BundleReport> {
  const anchor = anchorOf(options);
  try {
    return { ...(await verifyInner(input, options)), anchor };
  } catch (err) {
    if (err instanceof LimitExceeded) return { ...corrupt(err.message, anchor), limitExceeded: true };
    if (err instanceof CorruptBundle) return corrupt(err.message, anchor);
    // Anything else is a bug in this verifier on hostile input; report it as unreadable, never crash.
    return corrupt(`unexpected ${(err as Error)?.name ?? 'error'} while reading the bundle`, anchor);
  }
}

async function verifyInner(input: BundleInput, options: BundleVerifyOptions): Promise<BundleReport> {
  const limits: BundleLimits = { ...LIMITS, ...options.limits };
  const maxProblems = options.maxProblems ?? 50;
  const problems: string[] = [];
  let dropped = 0;
  const problem = (text: string): void => {
    if (problems.length < maxProblems) problems.push(text);
    else dropped++;
  };

  let trusted: VerifierKey | null = null;
  if (options.trustedKey !== undefined) {
    trusted = parseVerifierKey(options.trustedKey);
    if (!trusted) return corrupt('the trusted key is not a valid Ed25519 verifier key');
  }

  const { small: files, digests, problems: container } = await firstPass(input, limits);
  for (const text of container) problem(text);
  const missing = ['checkpoint', 'manifest.json', 'manifest.sig', 'entries.jsonl'].filter(
    (n) => !digests.has(n),
  );
  if (missing.length > 0) {
    // With a link or a renamed copy in its place, the member's absence is part of the forgery, not damage.
    if (container.length === 0) throw new CorruptBundle(`missing ${missing.join(', ')}`);
    for (const name of missing) problem(`missing ${name} as a regular file`);
    return finish(problems, dropped, 0);
  }
  const checkpointBytes = files.get('checkpoint')!;
  const manifestBytes = files.get('manifest.json')!;
  const manifestSig = files.get('manifest.sig')!;
  const entriesDigest = digests.get('entries.jsonl')!;

  // Keys shipped in the bundle. Without --trusted-key they only prove internal consistency.
  const keys: VerifierKey[] = [];
  for (const [name, data] of files) {
    if (!name.startsWith('keys/') || !name.endsWith('.vkey')) continue;
    const key = parseVerifierKey(data.toString('utf8'));
    if (!key) problem(`${name}: not a valid Ed25519 verifier key`);
    else keys.push(key);
  }
  if (trusted && !keys.some((k) => sameKey(k, trusted))) keys.push(trusted);

  const manifest = parseJson(manifestBytes);
  if (!isObject(manifest) || !Array.isArray(manifest.files) || typeof manifest.signer !== 'string')
    throw new CorruptBundle('manifest.json is not a bundle manifest');
  const desk = keys.find((k) => k.name === manifest.signer && (!trusted || sameKey(k, trusted)));
  if (!desk) {
    problem(
      trusted
        ? 'the bundle is not signed by the trusted key'
        : `no verifier key for the manifest signer ${JSON.stringify(manifest.signer).slice(0, 100)}`,
    );
    return finish(problems, dropped, 0);
  }

  // Manifest: signature over its exact bytes (raw 64 bytes, or base64 text), then every digest.
  const sigText = manifestSig.toString('utf8').trim();
  const sig = manifestSig.length === 64 ? manifestSig : decodeBase64(sigText);
  if (!sig || !verifyEd25519(desk.publicKey, manifestBytes, sig))
    problem(
      trusted
        ? 'the bundle is not signed by the trusted key'
        : 'manifest.sig does not verify under the desk key',
    );
  const listed = new Set<string>();
  for (const f of manifest.files) {
    if (!isObject(f) || typeof f.path !== 'string' || typeof f.sha256 !== 'string') {
      problem('manifest.json has a malformed file record');
      continue;
    }
    listed.add(f.path);
    const digest = digests.get(f.path);
    if (digest === undefined) problem(`missing file listed in manifest: ${f.path.slice(0, 100)}`);
    else if (digest !== f.sha256) problem(`digest mismatch: ${f.path.slice(0, 100)}`);
  }
  // Files a reader does not know are allowed (the format grows), but only when the signed manifest
  // covers them: an unlisted member is something the desk never vouched for.
  for (const name of digests.keys())
    if (name !== 'manifest.json' && name !== 'manifest.sig' && !listed.has(name))
      problem(`unexpected member ${quote(name)}: not covered by the signed manifest`);

  // Checkpoint: the desk must have signed it; a known key whose signature fails is a forgery.
  const checkpointText = checkpointBytes.toString('utf8');
  const noteCheck = verifyNote(checkpointText, keys);
  const cp: Checkpoint | null = noteCheck ? parseCheckpointBody(noteCheck.body) : null;
  if (!noteCheck || !cp) {
    throw new CorruptBundle('checkpoint is not a C2SP signed checkpoint');
  }
  if (!noteCheck.verified.some((k) => sameKey(k, desk))) problem('checkpoint: no valid desk signature');
  for (const k of noteCheck.failed) problem(`checkpoint: signature by ${k.name} does not verify`);
  if (typeof manifest.origin === 'string' && manifest.origin !== cp.origin)
    problem('checkpoint origin differs from the manifest');
  if (manifest.treeSize !== cp.size || manifest.root !== cp.root.toString('base64'))
    problem('manifest tree size/root differ from the checkpoint');

  // Entries: each leaf must be included in the checkpointed tree at its seq.
  let verified = 0;
  const seen = new Set<number>();
  let last: { seq: number; hash: Buffer } | null = null;
  const onLine = (line: string | null, i: number): void => {
    const where = `entries.jsonl line ${i + 1}`;
    if (line === null) return problem(`${where}: too long`);
    let rec: unknown;
    try {
      rec = JSON.parse(line);
    } catch {
      return problem(`${where}: not JSON`);
    }
    if (
      !isObject(rec) ||
      typeof rec.seq !== 'number' ||
      !Number.isSafeInteger(rec.seq) ||
      typeof rec.leaf !== 'string'
    )
      return problem(`${where}: missing seq or leaf`);
    const leaf = decodeBase64(rec.leaf);
    const proof = decodeHashes(rec.proof);
    if (!leaf || !proof) return problem(`${where} (seq ${rec.seq}): bad leaf or proof encoding`);
    const h = leafHash(leaf);
    if (!verifyInclusion(rec.seq, cp.size, h, proof, cp.root))
      return problem(`${where} (seq ${rec.seq}): inclusion proof does not verify against the checkpoint`);
    if (seen.has(rec.seq)) return problem(`${where}: seq ${rec.seq} appears twice`);
    seen.add(rec.seq);
    verified++;
    checkReadableView(rec, leaf, where, problem, last?.seq === rec.seq - 1 ? last.hash : undefined);
    last = { seq: rec.seq, hash: h };
  };
  const lines = new LineSplitter(onLine);
  const again = createHash('sha256');
  await walkTar(
    input,
    (name) =>
      name === 'entries.jsonl'
        ? {
            data(chunk) {
              again.update(chunk);
              lines.data(chunk);
            },
            end: () => lines.end(),
          }
        : null,
    limits,
  );
  if (again.digest('hex') !== entriesDigest)
    throw new CorruptBundle('entries.jsonl changed between the two reads of the bundle');
  if (typeof manifest.entries === 'number' && manifest.entries !== lines.count)
    problem(`manifest lists ${manifest.entries} entries, the bundle holds ${lines.count}`);

  // Consistency with the previously exported checkpoint, when present.
  const consistencyBytes = files.get('consistency.json');
  if (consistencyBytes) {
    const c = parseJson(consistencyBytes);
    const proof = isObject(c) ? decodeHashes(c.proof) : null;
    const oldRoot = isObject(c) && typeof c.oldRoot === 'string' ? decodeBase64(c.oldRoot) : null;
    const newRoot = isObject(c) && typeof c.newRoot === 'string' ? decodeBase64(c.newRoot) : null;
    if (
      !isObject(c) ||
      !proof ||
      !oldRoot ||
      !newRoot ||
      typeof c.oldSize !== 'number' ||
      typeof c.newSize !== 'number'
    ) {
      problem('consistency.json is malformed');
    } else {
      if (c.newSize !== cp.size || !newRoot.equals(cp.root))
        problem('consistency.json does not end at the checkpoint');
      if (!verifyConsistency(c.oldSize, c.newSize, oldRoot, newRoot, proof))
        problem(`consistency proof from size ${c.oldSize} does not verify`);
      const prev = files.get('consistency-checkpoint');
      if (prev) {
        const pc = verifyNote(prev.toString('utf8'), keys);
        const body = pc ? parseCheckpointBody(pc.body) : null;
        if (!pc || !body || !pc.verified.some((k) => sameKey(k, desk)) || pc.failed.length > 0)
          problem('consistency-checkpoint is not validly signed by the desk');
        else if (body.size !== c.oldSize || !body.root.equals(oldRoot))
          problem('consistency-checkpoint differs from consistency.json');
      }
    }
  }
  if (options.previousCheckpoint !== undefined)
    checkPrevious(options.previousCheckpoint, keys, desk, cp, files, problem);
  const report = finish(problems, dropped, verified);
  report.checkpoint = {
    origin: cp.origin,
    size: cp.size,
    root: cp.root.toString('base64'),
    signers: noteCheck.verified.map((k) => k.name),
  };
  return report;
}

/**
 * The readable `entry` must say what the leaf says (type, ts, actor, subject, payload) so a reader is not
 * misled; adjacent entries must chain (leaf.prev = previous leaf hash). Leaves in another format are
 * only proven included, not interpreted.
 */
function checkReadableView(
  rec: Record<string, unknown>,
  leaf: Buffer,
  where: string,
  problem: (t: string) => void,
  prev: Buffer | undefined,
): void {
  let decoded: unknown;
  try {
    decoded = JSON.parse(leaf.toString('utf8'));
  } catch {
    return;
  }
  if (!isObject(decoded) || decoded.v !== 1) return;
  const seq = rec.seq as number;
  if (decoded.seq !== seq)
    problem(`${where}: leaf says seq ${String(decoded.seq).slice(0, 20)}, line says ${seq}`);
  const view = rec.entry;
  if (isObject(view)) {
    for (const field of ['type', 'ts', 'actor', 'subject', 'payload']) {
      if (field in view && canonicalish(view[field]) !== canonicalish(decoded[field]))
        problem(`${where} (seq ${seq}): entry.${field} differs from the signed leaf`);
    }
  }
  if (prev && typeof decoded.prev === 'string' && decoded.prev !== prev.toString('hex'))
    problem(`${where} (seq ${seq}): does not chain to entry ${seq - 1}`);
}

function checkPrevious(
  text: string,
  keys: VerifierKey[],
  desk: VerifierKey,
  cp: Checkpoint,
  files: Map<string, Buffer>,
  problem: (t: string) => void,
): void {
  const check = verifyNote(text, keys);
  const old = check ? parseCheckpointBody(check.body) : null;
  if (!check || !old) return problem('the earlier checkpoint is not a signed checkpoint');
  if (!check.verified.some((k) => sameKey(k, desk)))
    return problem('the earlier checkpoint is not signed by the desk key');
  if (old.origin !== cp.origin) return problem('the earlier checkpoint is from another log');
  if (old.size > cp.size)
    return problem(`the earlier checkpoint (size ${old.size}) is newer than this bundle's`);
  if (old.size === cp.size) {
    if (!old.root.equals(cp.root))
      problem(`ledger rewritten: the earlier checkpoint at size ${old.size} has another root`);
    return;
  }
  const c = parseJson(files.get('consistency.json') ?? Buffer.alloc(0));
  const oldRoot = isObject(c) && typeof c.oldRoot === 'string' ? decodeBase64(c.oldRoot) : null;
  if (!isObject(c) || c.oldSize !== old.size || !oldRoot)
    return problem(`no consistency proof from the earlier checkpoint (size ${old.size})`);
  // consistency.json itself was verified above; here it must start at exactly the auditor's root.
  if (!oldRoot.equals(old.root))
    problem(`ledger rewritten: the earlier checkpoint at size ${old.size} has another root`);
}

function finish(problems: string[], dropped: number, entries: number): BundleReport {
  if (dropped > 0) problems.push(`... and ${dropped} more problems`);
  return { ok: problems.length === 0, entries, problems, corrupt: false, anchor: 'none' };
}
