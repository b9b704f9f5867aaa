/**
 * The hostile-bundle corpus: built here from a real export, each case through `confidant bundle verify`
 * with the exit code and the message a user would see. Bombs are written as gzip streams, never held in
 * memory (bench/bundle.ts prints the time and peak memory for the same corpus).
 */
import { createHash } from 'node:crypto';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { canonicalJson, generateSigner, openLedger, signNote } from '../../core/audit';
import { readTar, verifyBundle } from '../../core/bundle-verify';
import { openStore } from '../../core/store';
import { buildTar, membersOf, tarHeader, writeGzipBomb, type MemberSpec } from '../../test-support';
import { runCliInProcess } from '../testing';

const root = mkdtempSync(join(tmpdir(), 'confidant-'));
let files: Map<string, Buffer>;
let genuine: string;
let firstCheckpoint: string;
let deskKey: string;

function resign(members: Map<string, Buffer>, sign: (b: Buffer) => Buffer): void {
  const manifest = JSON.parse(members.get('manifest.json')!.toString()) as {
    files: Array<{ path: string; size: number; sha256: string }>;
  };
  manifest.files = [...members]
    .filter(([n]) => n !== 'manifest.json' && n !== 'manifest.sig')
    .map(([path, data]) => ({
      path,
      size: data.length,
      sha256: createHash('sha256').update(data).digest('hex'),
    }))
    .sort((a, b) => (a.path < b.path ? -1 : 1));
  const bytes = Buffer.from(`${canonicalJson(manifest)}\n`);
  members.set('manifest.json', bytes);
  members.set('manifest.sig', sign(bytes));
}

function write(name: string, bytes: Buffer): string {
  const path = join(root, name);
  writeFileSync(path, bytes);
  return path;
}

async function verify(
  path: string,
  ...flags: string[]
): Promise<{ code: number; out: string; json: Record<string, unknown> }> {
  const text = await runCliInProcess(['bundle', 'verify', path, ...flags]);
  const json = await runCliInProcess(['bundle', 'verify', path, '--json', ...flags]);
  expect(json.code).toBe(text.code);
  expect(text.stderr).toBe('');
  return { code: text.code, out: text.stdout, json: JSON.parse(json.stdout) as Record<string, unknown> };
}

beforeAll(async () => {
  const store = openStore({ dataDir: join(root, 'desk'), passphrase: 'hostile', create: true });
  const ledger = openLedger(store, { checkpointEvery: 0 });
  const append = (i: number): void => {
    ledger.append({
      type: 'turn.received',
      actor: { kind: 'agent', id: 'dm', role: 'dm' },
      subject: 's',
      payload: { i },
    });
  };
  for (let i = 0; i < 4; i++) append(i);
  firstCheckpoint = (await ledger.exportBundle({ out: join(root, 'first.tar') })).checkpoint;
  for (let i = 4; i < 9; i++) append(i);
  await ledger.exportBundle({ out: join(root, 'genuine.tar') });
  deskKey = ledger.deskVerifierKey();
  ledger.close();
  store.close();
  genuine = join(root, 'genuine.tar');
  files = (await readTar(readFileSync(genuine))).files;
  writeFileSync(join(root, 'desk.vkey'), `${deskKey}\n`);
  writeFileSync(join(root, 'first.checkpoint'), firstCheckpoint);
}, 60_000);
afterAll(() => rmSync(root, { recursive: true, force: true }));

const forged = (): Buffer => Buffer.from('{"seq":0,"leaf":"e30=","proof":[]}\n');

describe('bundle verify: hostile bundles', () => {
  it('accepts the genuine bundle, and says what the verdict rests on', async () => {
    const bare = await verify(genuine);
    expect(bare.code).toBe(0);
    expect(bare.out.split('\n')[0]).toMatch(/^Anchor: none/);
    expect(bare.json).toMatchObject({ ok: true, anchor: 'none', entries: 11 });
    const pinned = await verify(genuine, '--trusted-key', join(root, 'desk.vkey'));
    expect(pinned.out.split('\n')[0]).toMatch(/^Anchor: trusted-key/);
    expect(pinned.json).toMatchObject({ ok: true, anchor: 'trusted-key' });
    const kept = await verify(genuine, '--checkpoint', join(root, 'first.checkpoint'));
    expect(kept.json).toMatchObject({ ok: true, anchor: 'checkpoint' });
  });

  const cases: Array<[string, () => MemberSpec[], RegExp]> = [
    [
      'symlink',
      () => [...membersOf(files), { name: 'etc', type: '2', linkname: '/etc' }],
      /member "etc" is a symbolic link to "\/etc"/,
    ],
    [
      'symlinked entries.jsonl',
      () => [
        ...membersOf(files).filter((m) => m.name !== 'entries.jsonl'),
        { name: 'forged.jsonl', data: forged() },
        { name: 'entries.jsonl', type: '2', linkname: 'forged.jsonl' },
      ],
      /member "entries.jsonl" is a symbolic link to "forged.jsonl"/,
    ],
    [
      'hard link',
      () => [
        ...membersOf(files),
        { name: 'forged.jsonl', data: forged() },
        { name: 'entries.jsonl', type: '1', linkname: 'forged.jsonl' },
      ],
      /member "entries.jsonl" is a hard link to "forged.jsonl"/,
    ],
    [
      'absolute',
      () => [...membersOf(files), { name: '/entries.jsonl', data: forged() }],
      /member "\/entries.jsonl" has an absolute name/,
    ],
    [
      'dot-dot',
      () => [...membersOf(files), { name: '../../etc/cron.d/x', data: forged() }],
      /member "..\/..\/etc\/cron.d\/x" has a .. path segment/,
    ],
    [
      'dot-slash',
      () => [...membersOf(files), { name: './entries.jsonl', data: forged() }],
      /member ".\/entries.jsonl" has a .\/ path segment/,
    ],
    [
      'dot-slash-slash',
      () => [...membersOf(files), { name: './/entries.jsonl', data: forged() }],
      /member ".\/\/entries.jsonl" has a .\/ path segment/,
    ],
    [
      'duplicate',
      () => [...membersOf(files), { name: 'entries.jsonl', data: forged() }],
      /member "entries.jsonl" appears more than once/,
    ],
    [
      'case duplicate',
      () => [...membersOf(files), { name: 'Entries.jsonl', data: forged() }],
      /member "Entries.jsonl" appears more than once/,
    ],
    [
      'device',
      () => [...membersOf(files), { name: 'null', type: '3' }],
      /member "null" is a character device/,
    ],
    ['folder', () => [...membersOf(files), { name: 'keys/', type: '5' }], /member "keys\/" is a folder/],
    [
      'unexpected member',
      () => [...membersOf(files), { name: 'README', data: Buffer.from('hi') }],
      /unexpected member "README": not covered by the signed manifest/,
    ],
  ];
  for (const [label, members, message] of cases) {
    it(`rejects a bundle with a ${label} member (exit 1, member named)`, async () => {
      const r = await verify(write(`${label}.tar`, buildTar(members())));
      expect(r.code).toBe(1);
      expect(r.out).toMatch(/^Bundle INVALID:/m);
      expect(r.out).toMatch(message);
      expect(r.json.ok).toBe(false);
    });
  }

  it('rejects data hidden after the end-of-archive marker', async () => {
    const tail = buildTar([{ name: 'entries.jsonl', data: forged() }]);
    const r = await verify(write('after-eof.tar', Buffer.concat([buildTar(membersOf(files)), tail])));
    expect(r.code).toBe(1);
    expect(r.out).toMatch(/data after the end-of-archive marker/);
  });

  it('truncated archives and gzip streams are unreadable (exit 4)', async () => {
    const bytes = readFileSync(genuine);
    const cut = await verify(write('cut.tar', bytes.subarray(0, 512 + 100)));
    expect(cut.code).toBe(4);
    expect(cut.out).toMatch(/corrupt: truncated archive/);
    const noEnd = await verify(write('no-end.tar', buildTar(membersOf(files)).subarray(0, -1024)));
    expect(noEnd.out).toMatch(/truncated archive: no end-of-archive marker/);
    const gz = gzipSync(bytes);
    const cutGz = await verify(write('cut.tar.gz', gz.subarray(0, gz.length - 40)));
    expect(cutGz.code).toBe(4);
    expect(cutGz.out).toMatch(/not a readable gzip stream/);
  });

  it('a declared 8 GB member is refused as a limit at its header, without reading further', async () => {
    const lie = Buffer.concat([
      tarHeader({ name: 'entries.jsonl', size: 8_000_000_000 }),
      Buffer.alloc(4096),
    ]);
    const r = await verify(write('8gb.tar', lie));
    expect(r.code).toBe(4);
    expect(r.out).toMatch(
      /limit exceeded: member "entries.jsonl" declares 7.5 GiB, over the 256 MiB per-member limit \(raise it with --max-member-bytes\)/,
    );
  });

  it('gzip bombs: 100 MB is read in bounded memory (and refused under a lower limit), 1 GB stops at the cap', async () => {
    const hundred = join(root, 'bomb-100m.tar.gz');
    await writeGzipBomb(hundred, membersOf(files), { name: 'padding', each: 100_000_000, count: 1 });
    const small = await verify(hundred);
    expect(small.code).toBe(1);
    expect(small.out).toMatch(/unexpected member "padding"/);
    const lowered = await verify(hundred, '--max-bytes', '64MiB');
    expect(lowered.code).toBe(4);
    expect(lowered.out).toMatch(/limit exceeded: member "padding" declares 95 MiB, over the 64 MiB/);

    const giga = join(root, 'bomb-1g.tar.gz');
    await writeGzipBomb(giga, membersOf(files), { name: 'padding', each: 250_000_000, count: 4 });
    const big = await verify(giga);
    expect(big.code).toBe(4);
    expect(big.out).toMatch(/limit exceeded: the bundle expands past 512 MiB \(raise it with --max-bytes\)/);
  }, 120_000);

  it('a self-signed forgery passes only with anchor none; a pinned key or a kept checkpoint catches it', async () => {
    const impostor = generateSigner(deskKey.split('+')[0]!).signer;
    const members = new Map(files);
    members.set(
      'entries.jsonl',
      Buffer.from(members.get('entries.jsonl')!.toString().split('\n').slice(0, 3).join('\n') + '\n'),
    );
    const body = `${members.get('checkpoint')!.toString().split('\n\n')[0]!}\n`;
    members.set('checkpoint', Buffer.from(signNote(body, [impostor])));
    for (const k of [...members.keys()].filter((n) => n.startsWith('keys/')))
      members.set(k, Buffer.from(`${impostor.vkey}\n`));
    members.delete('consistency.json');
    members.delete('consistency-checkpoint');
    resign(members, (b) => impostor.sign(b));
    const manifest = JSON.parse(members.get('manifest.json')!.toString()) as Record<string, unknown>;
    manifest.entries = 3;
    members.set('manifest.json', Buffer.from(`${canonicalJson(manifest)}\n`));
    members.set('manifest.sig', impostor.sign(members.get('manifest.json')!));
    const path = write('forgery.tar', buildTar(membersOf(members)));

    const bare = await verify(path);
    expect(bare.code).toBe(0);
    expect(bare.json.anchor).toBe('none');
    expect(bare.out.split('\n')[0]).toMatch(/^Anchor: none \(only keys carried inside the bundle/);
    const pinned = await verify(path, '--trusted-key', join(root, 'desk.vkey'));
    expect(pinned.code).toBe(1);
    expect(pinned.out).toMatch(/the bundle is not signed by the trusted key/);
    const kept = await verify(path, '--checkpoint', join(root, 'first.checkpoint'));
    expect(kept.code).toBe(1);
    expect(kept.out).toMatch(/the earlier checkpoint is not signed by the desk key/);
  });

  it('agrees with GNU tar: it accepts only what tar lists as the same regular files, and refuses what tar would extract differently', async (ctx) => {
    if (spawnSync('tar', ['--version']).status !== 0) return ctx.skip();
    const listing = spawnSync('tar', ['-tvf', genuine], { encoding: 'utf8' }).stdout.trim().split('\n');
    expect(listing.every((line) => line.startsWith('-'))).toBe(true);
    expect(listing.map((line) => line.split(/\s+/u).slice(5).join(' ')).sort()).toEqual(
      [...files.keys()].sort(),
    );
    // The reported attack: a second entries.jsonl named ./entries.jsonl. tar extracts the forged lines over
    // the real ones; the verifier refuses the bundle and names the member.
    const path = write(
      'dot-forged.tar',
      buildTar([...membersOf(files), { name: './entries.jsonl', data: forged() }]),
    );
    const out = mkdtempSync(join(root, 'x-'));
    expect(spawnSync('tar', ['-xf', path, '-C', out]).status).toBe(0);
    expect(readFileSync(join(out, 'entries.jsonl'))).toEqual(forged());
    const r = await verify(path);
    expect(r.code).toBe(1);
    expect(r.out).toMatch(/member ".\/entries.jsonl" has a .\/ path segment/);
  });

  it('the library reports the same verdicts on bytes in memory', async () => {
    expect(await verifyBundle(readFileSync(genuine))).toMatchObject({ ok: true, anchor: 'none' });
    const dup = await verifyBundle(
      buildTar([...membersOf(files), { name: 'entries.jsonl', data: forged() }]),
    );
    expect(dup.problems).toContain(
      'member "entries.jsonl" appears more than once (tar would keep only the last copy)',
    );
  });
});
