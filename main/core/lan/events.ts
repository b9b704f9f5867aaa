import { z } from 'zod';

/** What desks tell each other (docs/LAN.md, "Events"). Bodies are validated before anything is applied. */
const Id = z.string().min(1).max(200);
const Text = z.string().min(1).max(4000);
const Outcome = z.enum(['resolved', 'taken_over', 'returned_to_agent']);

export const SnapshotSchema = z
  .object({
    id: Id,
    conversationId: Id,
    turnId: Id,
    subjectId: Id,
    domain: z.string().max(32),
    status: z.enum(['open', 'claimed', 'resolved']),
    priority: z.enum(['urgent', 'high', 'normal']),
    reasons: z.array(z.string().max(64)).max(64),
    createdAt: z.string().max(40),
    slaDueAt: z.string().max(40),
    claimedBy: z.string().max(200).nullable(),
    packet: z.unknown(),
  })
  .strict();

const Opened = z.object({ escalation: SnapshotSchema, slaMs: z.number().int().nonnegative() }).strict();
const Action = z.object({ escalationId: Id, by: z.string().min(1).max(200) }).strict();
const WithText = Action.extend({ text: Text }).strict();

const B64 = z.string().max(100);
const Checkpoint = z
  .object({
    note: z.string().max(8192),
    vkey: z.string().max(400),
    from: z.number().int().nonnegative(),
    proof: z.array(B64).max(128),
  })
  .strict();

/** Staff desk -> supervisor desk. */
export const UP_EVENTS = {
  'escalation.opened': Opened,
  'escalation.updated': Opened,
  'audit.checkpoint': Checkpoint,
  erasure: z.object({ subjectId: Id }).strict(),
} as const;

/** Supervisor desk -> the staff desk an escalation came from. */
export const DOWN_EVENTS = {
  'escalation.claimed': Action,
  'escalation.released': Action,
  'escalation.note': WithText,
  'escalation.whisper': WithText,
  'escalation.response': WithText,
  'escalation.resolved': Action.extend({ outcome: Outcome }).strict(),
  'audit.cosignature': z
    .object({
      size: z.number().int().nonnegative(),
      root: B64,
      line: z.string().max(400),
      vkey: z.string().max(400),
    })
    .strict(),
  'erasure.ack': z.object({ subjectId: Id, deleted: z.number().int().nonnegative() }).strict(),
  'audit.refused': z.object({ size: z.number().int().nonnegative(), reason: z.string().max(32) }).strict(),
} as const;

export type UpType = keyof typeof UP_EVENTS;
export type DownType = keyof typeof DOWN_EVENTS;
export const isUp = (t: string): t is UpType => Object.hasOwn(UP_EVENTS, t);
export const isDown = (t: string): t is DownType => Object.hasOwn(DOWN_EVENTS, t);

export type SupervisorAction =
  | { kind: 'claim' }
  | { kind: 'release' }
  | { kind: 'note' | 'whisper' | 'respond'; text: string }
  | { kind: 'resolve'; outcome: 'resolved' | 'taken_over' | 'returned_to_agent' };
