import { createHash, randomBytes } from 'node:crypto';
import { existsSync, mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { pullFile } from './download';

// A local HTTP server on 127.0.0.1 stands in for the model host; no external host is ever contacted.

describe('pullFile', () => {
  const payload = randomBytes(256 * 1024);
  const sha256 = createHash('sha256').update(payload).digest('hex');
  let server: Server;
  let base: string;
  let dir: string;
  const seenRanges: Array<string | undefined> = [];
  let cutNext = false;
  let corrupt = false;

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'confidant-'));
    server = createServer((req, res) => {
      seenRanges.push(req.headers.range);
      const body = corrupt ? Buffer.from(payload).fill(1, 0, 10) : payload;
      const m = /^bytes=(\d+)-$/.exec(req.headers.range ?? '');
      const start = m ? Number(m[1]) : 0;
      const slice = body.subarray(start);
      res.writeHead(m ? 206 : 200, {
        'content-length': String(slice.length),
        ...(m ? { 'content-range': `bytes ${start}-${body.length - 1}/${body.length}` } : {}),
      });
      if (cutNext) {
        cutNext = false;
        // Send part of the body, then close the connection: an interrupted download. A FIN, not a reset:
        // Linux discards received-but-unread bytes on RST, which made the partial file's size a race.
        res.write(slice.subarray(0, 100 * 1024), () => res.socket?.end());
        return;
      }
      res.end(slice);
    });
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  afterAll(async () => {
    await new Promise((r) => server.close(r));
    rmSync(dir, { recursive: true, force: true });
  });

  it('resumes an interrupted download with a Range request and verifies before the rename', async () => {
    const dest = join(dir, 'm', 'model.bin');
    cutNext = true;
    seenRanges.length = 0;
    await expect(
      pullFile({ url: `${base}/model.bin`, dest, sha256, size: payload.length }),
    ).rejects.toMatchObject({
      code: 'UNAVAILABLE',
    });
    expect(existsSync(dest)).toBe(false);
    const partial = statSync(`${dest}.part`).size;
    expect(partial).toBeGreaterThan(0);
    expect(partial).toBeLessThan(payload.length);
    const r = await pullFile({ url: `${base}/model.bin`, dest, sha256, size: payload.length });
    expect(seenRanges).toEqual([undefined, `bytes=${partial}-`]);
    expect(r).toMatchObject({ sha256, size: payload.length, resumedFrom: partial, verified: true });
    expect(readFileSync(dest).equals(payload)).toBe(true);
    expect(existsSync(`${dest}.part`)).toBe(false);
  });

  it('discards a download whose hash does not match, naming both hashes', async () => {
    const dest = join(dir, 'bad', 'model.bin');
    corrupt = true;
    try {
      const err = (await pullFile({ url: `${base}/model.bin`, dest, sha256, size: payload.length }).then(
        () => new Error('resolved'),
        (e: unknown) => e,
      )) as Error & { code?: string };
      expect(err).toMatchObject({ code: 'CORRUPT' });
      expect(err.message).toContain(`expected ${sha256}`);
      expect(err.message).toMatch(/has sha256 [0-9a-f]{64}/);
    } finally {
      corrupt = false;
    }
    expect(existsSync(dest)).toBe(false);
    expect(existsSync(`${dest}.part`)).toBe(false);
  });

  it('fails clearly when the host is unreachable', async () => {
    await expect(
      pullFile({ url: 'http://127.0.0.1:1/model.bin', dest: join(dir, 'x', 'm.bin'), sha256, size: 1 }),
    ).rejects.toMatchObject({
      code: 'UNAVAILABLE',
      message: expect.stringMatching(/ECONNREFUSED \(no network\?\)/),
    });
  });
});
