/**
 * Signed audit bundles in the format of docs/formats/audit-bundle.md: a tar holding a C2SP checkpoint,
 * signed-note verifier keys, entries with RFC 6962 inclusion proofs, an optional consistency proof from the
 * previous export, and a manifest signed with the desk key. Every export is itself an audit entry.
 */
import { createHash } from 'node:crypto';
import { renameSync, rmSync, writeFileSync } from 'node:fs';
import { gzipSync } from 'node:zlib';
import tar from 'tar-stream';
import { UserError } from '../../../shared/errors';
import { canonicalJson } from './canonical';
import { decodeLeaf, type LeafEntry } from './entry';
import type { Ledger } from './ledger';
import type { AuditActor, JsonValue } from './types';

export interface ExportOptions {
  out: string;
  /** Inclusive lower bound on entry timestamps (ISO 8601). */
  from?: string;
  /** Exclusive upper bound on entry timestamps (ISO 8601). */
  to?: string;
  /** Pseudonymous subject id the case is about: selects that subject's entries only. */
  caseId?: string;
  /** Decrypt the case subject's PII into the readable `entry` field. Requires caseId; audited. */
  includePii?: boolean;
  /** Who exports (defaults to the CLI system actor). */
  actor?: AuditActor;
  /** gzip the tar; defaults to true when `out` ends in .gz or .tgz. */
  gzip?: boolean;
  /** Refuse exports larger than this many entries (they are built in memory). Default 200,000. */
  maxEntries?: number;
}

export interface ExportResult {
  out: string;
  entries: number;
  treeSize: number;
  root: string;
  checkpoint: string;
  consistencyFrom: number | null;
  piiRevealed: number;
  bytes: number;
}

export const BUNDLE_FORMAT = 'confidant-audit-bundle/1';

function parseTime(value: string | undefined, flag: string): number | null {
  if (value === undefined) return null;
  const t = Date.parse(value);
  if (Number.isNaN(t)) throw new UserError('VALIDATION', `${flag} is not an ISO 8601 date/time.`);
  return t;
}

function keyFileName(name: string): string {
  // Key names may contain '/', which tar would read as folders.
  return `keys/${name.replace(/[^A-Za-z0-9._-]/g, '_')}.vkey`;
}

async function packTar(files: ReadonlyArray<{ path: string; data: Buffer }>, mtime: Date): Promise<Buffer> {
  const pack = tar.pack();
  const chunks: Buffer[] = [];
  const done = (async () => {
    for await (const chunk of pack) chunks.push(chunk as Buffer);
  })();
  for (const f of files) {
    await new Promise<void>((resolve, reject) => {
      pack.entry({ name: f.path, size: f.data.length, mode: 0o644, mtime }, f.data, (err) =>
        err ? reject(err) : resolve(),
      );
    });
  }
  pack.finalize();
  await done;
  return Buffer.concat(chunks);
}

export async function exportBundle(ledger: Ledger, options: ExportOptions): Promise<ExportResult> {
  const from = parseTime(options.from, '--from');
  const to = parseTime(options.to, '--to');
  if (from !== null && to !== null && from >= to)
    throw new UserError('VALIDATION', '--from must be before --to.');
  if (options.includePii && !options.caseId)
    throw new UserError('VALIDATION', 'Revealing PII needs --case: only one subject may be revealed.');
  const caseId = options.caseId ?? null;
  const actor: AuditActor = options.actor ?? { kind: 'system', id: 'cli', role: 'compliance' };
  const maxEntries = options.maxEntries ?? 200_000;
  const store = ledger.store;

  // The export is audited before the checkpoint is signed, so the bundle can prove its own audit entry.
  const selection: Record<string, JsonValue> = {
    from: options.from ?? null,
    to: options.to ?? null,
    case: caseId,
    includePii: options.includePii === true,
  };
  if (options.includePii && caseId)
    ledger.append({
      type: 'export.pii_revealed',
      actor,
      subject: caseId,
      payload: { format: BUNDLE_FORMAT },
    });
  ledger.append({
    type: 'export.created',
    actor,
    subject: caseId,
    payload: { format: BUNDLE_FORMAT, ...selection },
  });

  const previous = ledger.latestCheckpoint({ exportedOnly: true });
  const cp = ledger.checkpoint();
  const reader = ledger.reader();

  const lines: string[] = [];
  let piiRevealed = 0;
  type Row = { seq: number; ts: string; subject: string | null; leaf: Buffer };
  // Filtered in SQL (ts is always toISOString(), so ISO strings order like instants); a case export reads
  // only its subject's rows through audit_entries_subject. LIMIT keeps an oversized export from loading.
  const where = ['seq < @size'];
  if (caseId !== null) where.push('subject = @caseId');
  if (from !== null) where.push('ts >= @from');
  if (to !== null) where.push('ts < @to');
  const rows = store.db
    .prepare<[Record<string, unknown>], Row>(
      `SELECT seq, ts, subject, leaf FROM audit_entries WHERE ${where.join(' AND ')} ORDER BY seq LIMIT @limit`,
    )
    .all({
      size: cp.size,
      caseId,
      from: from === null ? null : new Date(from).toISOString(),
      to: to === null ? null : new Date(to).toISOString(),
      limit: maxEntries + 1,
    });
  if (rows.length > maxEntries)
    throw new UserError('VALIDATION', `More than ${maxEntries} entries selected; narrow --from/--to.`);
  for (const row of rows) {
    const entry = decodeLeaf(row.leaf);
    if (!entry)
      throw new UserError('CORRUPT', `Audit entry ${row.seq} is damaged; run confidant audit verify.`);
    const view: Record<string, unknown> = {
      type: entry.type,
      ts: entry.ts,
      actor: entry.actor,
      subject: entry.subject,
      payload: entry.payload,
    };
    if (entry.pii !== undefined)
      view.pii = revealPii(ledger, entry, options.includePii === true && entry.subject === caseId);
    if (view.pii && typeof view.pii === 'object') piiRevealed++;
    lines.push(
      JSON.stringify({
        seq: row.seq,
        leaf: row.leaf.toString('base64'),
        proof: reader.inclusionProof(row.seq, cp.size).map((h) => h.toString('base64')),
        entry: view,
      }),
    );
  }

  const signer = ledger.deskSigner();
  const files: Array<{ path: string; data: Buffer }> = [
    { path: 'checkpoint', data: Buffer.from(cp.note, 'utf8') },
    { path: 'entries.jsonl', data: Buffer.from(lines.length ? `${lines.join('\n')}\n` : '', 'utf8') },
  ];
  const keys = [signer.vkey, ...ledger.witnessVerifiers().map((k) => k.text)];
  const keyNames = [signer.name, ...ledger.witnessVerifiers().map((k) => k.name)];
  keys.forEach((vkey, i) =>
    files.push({ path: keyFileName(keyNames[i] as string), data: Buffer.from(`${vkey}\n`) }),
  );
  let consistencyFrom: number | null = null;
  if (previous && previous.size <= cp.size) {
    consistencyFrom = previous.size;
    const consistency = {
      oldSize: previous.size,
      oldRoot: previous.root,
      newSize: cp.size,
      newRoot: cp.root,
      proof: reader.consistencyProof(previous.size, cp.size).map((h) => h.toString('base64')),
    };
    files.push({ path: 'consistency.json', data: Buffer.from(`${JSON.stringify(consistency)}\n`) });
    // The earlier checkpoint itself, so the old root is signed too (readers may ignore this file).
    files.push({ path: 'consistency-checkpoint', data: Buffer.from(previous.note, 'utf8') });
  }
  const manifest = {
    format: BUNDLE_FORMAT,
    origin: signer.name,
    signer: signer.name,
    createdAt: cp.createdAt,
    treeSize: cp.size,
    root: cp.root,
    entries: lines.length,
    selection,
    files: files
      .map((f) => ({
        path: f.path,
        size: f.data.length,
        sha256: createHash('sha256').update(f.data).digest('hex'),
      }))
      .sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0)),
  };
  const manifestBytes = Buffer.from(`${canonicalJson(manifest)}\n`, 'utf8');
  files.push({ path: 'manifest.json', data: manifestBytes });
  files.push({ path: 'manifest.sig', data: signer.sign(manifestBytes) });

  const tarBytes = await packTar(files, new Date(cp.createdAt));
  const gzip = options.gzip ?? /\.(tgz|gz)$/i.test(options.out);
  const bytes = gzip ? gzipSync(tarBytes) : tarBytes;
  const tmp = `${options.out}.partial-${process.pid}`;
  try {
    writeFileSync(tmp, bytes, { mode: 0o600 });
    renameSync(tmp, options.out);
  } catch (err) {
    rmSync(tmp, { force: true });
    throw new UserError(
      'VALIDATION',
      `Cannot write ${options.out}: ${(err as NodeJS.ErrnoException).code ?? 'error'}`,
      { cause: err },
    );
  }
  ledger.markExported(cp.id);
  return {
    out: options.out,
    entries: lines.length,
    treeSize: cp.size,
    root: cp.root,
    checkpoint: cp.note,
    consistencyFrom,
    piiRevealed,
    bytes: bytes.length,
  };
}

/** Only the case subject's PII is ever decrypted; everything else stays sealed (as in the leaf). */
function revealPii(ledger: Ledger, entry: LeafEntry, reveal: boolean): unknown {
  if (!reveal || entry.subject === null || entry.pii === undefined) return 'sealed';
  const plain = ledger.store.cipher.open(entry.subject, entry.pii);
  if (plain === null) return 'erased';
  return JSON.parse(plain) as unknown;
}
