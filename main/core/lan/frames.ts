import { z } from 'zod';

/**
 * Frames on the wire: [version u8][length u32 big-endian][JSON payload]. The version byte lets a newer
 * desk talk to an older one; the length is checked against a cap before a byte of payload is buffered.
 */
export const FRAME_VERSION = 1;
export const MAX_FRAME = 1024 * 1024;
const HEADER = 5;

const n = z.number().int().nonnegative();
const hex64 = z.string().regex(/^[0-9a-f]{64}$/);
const Role = z.enum(['staff', 'supervisor']);

export const MessageSchema = z.discriminatedUnion('t', [
  z
    .object({
      t: z.literal('hello'),
      n,
      deviceId: hex64,
      role: Role,
      time: z.number().int(),
      proto: z.literal(1),
    })
    .strict(),
  z
    .object({
      t: z.literal('event'),
      n,
      seq: z.number().int().positive(),
      id: z.string().min(1).max(200),
      type: z.string().min(1).max(64),
      body: z.unknown(),
    })
    .strict(),
  z.object({ t: z.literal('ack'), n, upTo: n }).strict(),
  z.object({ t: z.literal('ping'), n }).strict(),
  z.object({ t: z.literal('pair'), n, mac: hex64 }).strict(),
  z.object({ t: z.literal('paired'), n, mac: hex64, role: Role }).strict(),
  z.object({ t: z.literal('pair-fail'), n, reason: z.enum(['bad-code', 'not-supervisor']) }).strict(),
  z.object({ t: z.literal('bye'), n, reason: z.string().max(64) }).strict(),
  // Reveal over the link: a live question and its answer, never events (nothing of it is queued or stored).
  z
    .object({
      t: z.literal('reveal-req'),
      n,
      rid: z.string().min(1).max(64),
      escalationId: z.string().min(1).max(200),
      by: z.string().min(1).max(200),
      role: z.string().min(1).max(32),
      reason: z.string().min(1).max(4000),
    })
    .strict(),
  z
    .object({
      t: z.literal('reveal-ans'),
      n,
      rid: z.string().min(1).max(64),
      ok: z.boolean(),
      code: z.string().max(32).optional(),
      message: z.string().max(500).optional(),
      result: z.unknown().optional(),
    })
    .strict(),
]);
export type Message = z.infer<typeof MessageSchema>;
type Unnumbered<T> = T extends unknown ? Omit<T, 'n'> : never;
export type OutgoingMessage = Unnumbered<Message>;

export function encodeFrame(payload: object, version = FRAME_VERSION): Buffer {
  const body = Buffer.from(JSON.stringify(payload), 'utf8');
  const head = Buffer.alloc(HEADER);
  head.writeUInt8(version, 0);
  head.writeUInt32BE(body.length, 1);
  return Buffer.concat([head, body]);
}

export type Decoded =
  | { kind: 'message'; message: Message }
  | { kind: 'dropped'; reason: 'oversized' | 'unknown-version' | 'malformed' };

/**
 * Incremental decoder. A frame that is too large or of an unknown version is skipped by its length
 * (never buffered) and reported, so one bad frame never stalls the frames after it.
 */
export class FrameDecoder {
  private buf = Buffer.alloc(0);
  private skip = 0;

  constructor(private readonly maxFrame = MAX_FRAME) {}

  push(chunk: Buffer): Decoded[] {
    const out: Decoded[] = [];
    let data = chunk;
    if (this.skip > 0) {
      const n = Math.min(this.skip, data.length);
      this.skip -= n;
      data = data.subarray(n);
    }
    this.buf = this.buf.length === 0 ? Buffer.from(data) : Buffer.concat([this.buf, data]);
    while (this.buf.length >= HEADER) {
      const version = this.buf.readUInt8(0);
      const len = this.buf.readUInt32BE(1);
      if (len > this.maxFrame || version !== FRAME_VERSION) {
        const available = Math.min(len, this.buf.length - HEADER);
        this.skip = len - available;
        this.buf = this.buf.subarray(HEADER + available);
        out.push({ kind: 'dropped', reason: len > this.maxFrame ? 'oversized' : 'unknown-version' });
        continue;
      }
      if (this.buf.length < HEADER + len) break;
      const body = this.buf.subarray(HEADER, HEADER + len);
      this.buf = this.buf.subarray(HEADER + len);
      let parsed: unknown;
      try {
        parsed = JSON.parse(body.toString('utf8'));
      } catch {
        out.push({ kind: 'dropped', reason: 'malformed' });
        continue;
      }
      const msg = MessageSchema.safeParse(parsed);
      out.push(
        msg.success ? { kind: 'message', message: msg.data } : { kind: 'dropped', reason: 'malformed' },
      );
    }
    return out;
  }

  /** Bytes buffered for an incomplete frame (a peer that stalls mid-frame is cut by the idle timer). */
  pendingBytes(): number {
    return this.buf.length;
  }
}
