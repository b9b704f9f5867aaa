import { describe, expect, it } from 'vitest';
import { encodeFrame, FrameDecoder } from './frames';

const ping = (n: number) => encodeFrame({ t: 'ping', n });

describe('LAN frames', () => {
  it('decodes frames split across chunks and joined in one', () => {
    const d = new FrameDecoder();
    const two = Buffer.concat([ping(0), ping(1)]);
    expect(d.push(two.subarray(0, 3))).toEqual([]);
    const got = d.push(two.subarray(3));
    expect(got.map((x) => (x.kind === 'message' ? x.message.n : x.reason))).toEqual([0, 1]);
  });

  it('skips an oversized frame by its length without buffering it, then goes on', () => {
    const d = new FrameDecoder(64);
    const big = encodeFrame({ t: 'bye', n: 0, reason: 'x'.repeat(60) });
    const out = [...d.push(big.subarray(0, 20)), ...d.push(Buffer.concat([big.subarray(20), ping(1)]))];
    expect(out).toEqual([
      { kind: 'dropped', reason: 'oversized' },
      { kind: 'message', message: { t: 'ping', n: 1 } },
    ]);
    expect(d.pendingBytes()).toBe(0);
  });

  it('drops unknown versions and messages that fail the schema, then goes on', () => {
    const d = new FrameDecoder();
    const out = d.push(
      Buffer.concat([
        encodeFrame({ t: 'ping', n: 0 }, 9),
        encodeFrame({ t: 'ping', n: 1, extra: true }),
        encodeFrame({ t: 'launch', n: 2 }),
        Buffer.from([1, 0, 0, 0, 2, 0x7b, 0x7b]),
        ping(3),
      ]),
    );
    expect(out.map((x) => (x.kind === 'message' ? x.message.n : x.reason))).toEqual([
      'unknown-version',
      'malformed',
      'malformed',
      'malformed',
      3,
    ]);
  });
});
