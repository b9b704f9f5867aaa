import { createHash } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import tar from 'tar-stream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readTar, verifyBundle } from '../bundle-verify';
import { openStore, type Store } from '../store';
import { generateSigner, openLedger, signerFromPkcs8, signNote, type AuditLedger } from '.';

const PASS = 'export-test-passphrase';
const CANARY_A = 'Ottoline Fairweather-Canary';
const CANARY_B = 'Barnabas Quill-Canary';
const root = mkdtempSync(join(tmpdir(), 'confidant-'));
let store: Store;
let ledger: AuditLedger;
let clock = Date.parse('2026-03-01T09:00:00Z');

beforeAll(() => {
  store = openStore({ dataDir: join(root, 'desk'), passphrase: PASS, create: true });
  ledger = openLedger(store, { checkpointEvery: 0, now: () => new Date((clock += 60_000)) });
  const actor = { kind: 'agent', id: 'pii', role: 'privacy' } as const;
  for (let i = 0; i < 12; i++) {
    const subject = i % 2 === 0 ? 'cust-a' : 'cust-b';
    ledger.append({
      type: 'pii.detected',
      actor,
      subject,
      payload: { counts: { PERSON: 1 }, turn: i },
      pii: { name: subject === 'cust-a' ? CANARY_A : CANARY_B },
    });
  }
  ledger.append({
    type: 'degradation',
    actor: { kind: 'system', id: 'models', role: 'runtime' },
    payload: { to: 'templates' },
  });
});
afterAll(() => {
  ledger.close();
  store.close();
  rmSync(root, { recursive: true, force: true });
});

async function files(path: string): Promise<Map<string, Buffer>> {
  return (await readTar(readFileSync(path))).files;
}

async function repack(entries: Map<string, Buffer>): Promise<Buffer> {
  const pack = tar.pack();
  const chunks: Buffer[] = [];
  const done = (async () => {
    for await (const c of pack) chunks.push(c as Buffer);
  })();
  for (const [name, data] of entries) pack.entry({ name, size: data.length }, data);
  pack.finalize();
  await done;
  return Buffer.concat(chunks);
}

function resignManifest(entries: Map<string, Buffer>, sign: (b: Buffer) => Buffer): void {
  const manifest = JSON.parse(entries.get('manifest.json')!.toString()) as {
    files: Array<{ path: string; sha256: string; size: number }>;
  };
  for (const f of manifest.files) {
    const data = entries.get(f.path)!;
    f.size = data.length;
    f.sha256 = createHash('sha256').update(data).digest('hex');
  }
  const bytes = Buffer.from(`${JSON.stringify(manifest)}\n`);
  entries.set('manifest.json', bytes);
  entries.set('manifest.sig', sign(bytes));
}

describe('audit bundle export', () => {
  it('exports everything as a bundle our verifier accepts, with no PII in clear, and audits the export', async () => {
    const out = join(root, 'all.tar');
    const res = await ledger.exportBundle({ out });
    expect(res).toMatchObject({ entries: 14, treeSize: 14, consistencyFrom: null, piiRevealed: 0 });
    const bytes = readFileSync(out);
    expect(bytes.includes(Buffer.from('Canary'))).toBe(false);
    const report = await verifyBundle(bytes, { trustedKey: ledger.deskVerifierKey() });
    expect(report).toMatchObject({ ok: true, entries: 14, problems: [] });
    const f = await files(out);
    const names = [...f.keys()];
    expect(names.filter((k) => !k.startsWith('keys/')).sort()).toEqual([
      'checkpoint',
      'entries.jsonl',
      'manifest.json',
      'manifest.sig',
    ]);
    expect(names.filter((k) => /^keys\/.+\.vkey$/.test(k))).toHaveLength(1);
    const lines = f
      .get('entries.jsonl')!
      .toString()
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l));
    expect(lines.at(-1).entry).toMatchObject({ type: 'export.created', payload: { includePii: false } });
    expect(lines[0].entry.pii).toBe('sealed');
  });

  it('a case export reveals only that subject, only with the flag, proves consistency with the last export', async () => {
    await expect(ledger.exportBundle({ out: join(root, 'x.tar'), includePii: true })).rejects.toMatchObject({
      code: 'VALIDATION',
    });
    const out = join(root, 'case-a.tar.gz');
    const res = await ledger.exportBundle({ out, caseId: 'cust-a', includePii: true });
    expect(res.consistencyFrom).toBe(14);
    expect(res.piiRevealed).toBe(6);
    const f = await files(out);
    const jsonl = f.get('entries.jsonl')!.toString();
    expect(jsonl).toContain(CANARY_A);
    expect(jsonl).not.toContain(CANARY_B);
    const lines = jsonl
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l));
    expect(new Set(lines.map((l) => l.entry.subject))).toEqual(new Set(['cust-a']));
    expect(lines.map((l) => l.entry.type).slice(-2)).toEqual(['export.pii_revealed', 'export.created']);
    const consistency = JSON.parse(f.get('consistency.json')!.toString());
    expect(consistency).toMatchObject({ oldSize: 14, newSize: 16 });
    expect(await verifyBundle(readFileSync(out))).toMatchObject({ ok: true, entries: 8 });
  });

  it("checks a new bundle against an auditor's earlier checkpoint", async () => {
    const first = await ledger.exportBundle({ out: join(root, 'p1.tar') });
    ledger.append({
      type: 'degradation',
      actor: { kind: 'system', id: 'm', role: 'runtime' },
      payload: { n: 1 },
    });
    const second = join(root, 'p2.tar');
    await ledger.exportBundle({ out: second });
    const bytes = readFileSync(second);
    expect(await verifyBundle(bytes, { previousCheckpoint: first.checkpoint })).toMatchObject({ ok: true });
    // The same size under another root, validly signed by the desk: a history rewrite.
    const deskKey = store.db
      .prepare<[], { name: string; skey: Buffer }>("SELECT name, skey FROM audit_keys WHERE role = 'desk'")
      .get()!;
    const desk = signerFromPkcs8(deskKey.name, deskKey.skey);
    const other = signNote(
      `${deskKey.name}\n${first.treeSize}\n${Buffer.alloc(32, 3).toString('base64')}\n`,
      [desk],
    );
    const r = await verifyBundle(bytes, { previousCheckpoint: other });
    expect(r.problems).toEqual([
      `ledger rewritten: the earlier checkpoint at size ${first.treeSize} has another root`,
    ]);
    const stranger = signNote(first.checkpoint.split('\n\n')[0]! + '\n', [
      generateSigner(deskKey.name).signer,
    ]);
    expect((await verifyBundle(bytes, { previousCheckpoint: stranger })).problems).toEqual([
      'the earlier checkpoint is not signed by the desk key',
    ]);
  });

  it('selects by time range', async () => {
    const out = join(root, 'range.tar');
    // Entries are one minute apart from 09:01; [09:03, 09:06) holds seq 2, 3, 4.
    const res = await ledger.exportBundle({ out, from: '2026-03-01T09:03:00Z', to: '2026-03-01T09:06:00Z' });
    expect(res.entries).toBe(3);
    const seqs = (await files(out))
      .get('entries.jsonl')!
      .toString()
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l).seq);
    expect(seqs).toEqual([2, 3, 4]);
    await expect(ledger.exportBundle({ out, from: 'yesterday' })).rejects.toMatchObject({
      code: 'VALIDATION',
    });
    await expect(ledger.exportBundle({ out: join(root, 'big.tar'), maxEntries: 2 })).rejects.toMatchObject({
      code: 'VALIDATION',
    });
  });

  it('detects tampering, missing or extra entries, lying views and the wrong key', async () => {
    const out = join(root, 'base.tar');
    await ledger.exportBundle({ out });
    const deskKey = store.db
      .prepare<[], { name: string; skey: Buffer }>("SELECT name, skey FROM audit_keys WHERE role = 'desk'")
      .get()!;
    const desk = signerFromPkcs8(deskKey.name, deskKey.skey);
    const base = await files(out);
    const lines = base.get('entries.jsonl')!.toString().trim().split('\n');

    // A line dropped, manifest untouched: digest and count fail.
    const dropped = new Map(base);
    dropped.set('entries.jsonl', Buffer.from(`${lines.slice(1).join('\n')}\n`));
    const r1 = await verifyBundle(await repack(dropped));
    expect(r1.ok).toBe(false);
    expect(r1.problems.join('\n')).toMatch(/digest mismatch: entries.jsonl/);

    // An extra, made-up entry with a manifest re-signed by the desk: its proof fails.
    const extra = new Map(base);
    const fake = {
      ...JSON.parse(lines[0]!),
      seq: 3,
      leaf: Buffer.from('{"forged":true}').toString('base64'),
    };
    extra.set('entries.jsonl', Buffer.from(`${[...lines, JSON.stringify(fake)].join('\n')}\n`));
    resignManifest(extra, (b) => desk.sign(b));
    const r2 = await verifyBundle(await repack(extra));
    expect(r2.problems.join('\n')).toMatch(/seq 3\): inclusion proof does not verify/);

    // The readable view disagrees with the signed leaf.
    const lying = new Map(base);
    const l0 = JSON.parse(lines[0]!);
    l0.entry.payload = { counts: { PERSON: 0 }, turn: 0 };
    lying.set('entries.jsonl', Buffer.from(`${[JSON.stringify(l0), ...lines.slice(1)].join('\n')}\n`));
    resignManifest(lying, (b) => desk.sign(b));
    expect((await verifyBundle(await repack(lying))).problems.join('\n')).toMatch(
      /entry.payload differs from the signed leaf/,
    );

    // Manifest edited by someone without the desk key.
    const unsigned = new Map(lying);
    unsigned.set('manifest.sig', Buffer.alloc(64, 1));
    expect((await verifyBundle(await repack(unsigned))).problems.join('\n')).toMatch(
      /manifest.sig does not verify/,
    );

    // A bundle entirely re-signed by an impostor passes on its own keys, fails against the trusted key.
    const impostor = generateSigner(desk.name).signer;
    const forged = new Map(lying);
    const body = forged.get('checkpoint')!.toString().split('\n\n')[0]! + '\n';
    forged.set('checkpoint', Buffer.from(signNote(body, [impostor])));
    for (const k of [...forged.keys()].filter((k) => k.startsWith('keys/')))
      forged.set(k, Buffer.from(`${impostor.vkey}\n`));
    resignManifest(forged, (b) => impostor.sign(b));
    const r5 = await verifyBundle(await repack(forged), { trustedKey: ledger.deskVerifierKey() });
    expect(r5.ok).toBe(false);
    expect(r5.problems).toContain('the bundle is not signed by the trusted key');
  });
});
