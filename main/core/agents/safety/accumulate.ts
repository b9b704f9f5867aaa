/**
 * The conversation-level view: cues of earlier turns still count (decayed), distress that builds over
 * turns is a trend even when no single message is strong, and what has been raised is never lowered:
 * a self-harm disclosure keeps the conversation at the top for every later turn. The memory holds
 * numbers and codes only (never text); it travels in the sealed turn checkpoint.
 */
import { z } from 'zod';
import type { CueReason, Driver } from './rules';

export const SafetyMemorySchema = z
  .object({
    turns: z.number().int().nonnegative(),
    /** Decayed sums per reason (0..3). */
    carried: z.object({
      distress: z.number(),
      request: z.number(),
      vulnerable: z.number(),
      fraud: z.number(),
      /** Light self-harm cues (a farewell gesture, a date picked); absent in memories sealed before it. */
      self_harm: z.number().optional(),
    }),
    /** This conversation's per-turn distress levels, newest last (at most TREND_TURNS). */
    distressLevels: z.array(z.number()).max(8),
    drivers: z.array(z.enum(['health', 'life_event', 'resilience', 'capability'])),
    /** Set by a self-harm cue (any source: rules, embedder, guard model); never cleared. */
    selfHarmTurn: z.number().int().nullable(),
    /** Highest priority rank raised so far (0 none .. 3 self-harm); it only rises. */
    peak: z.number().int().min(0).max(3),
  })
  .strict();
export type SafetyMemory = z.infer<typeof SafetyMemorySchema>;

export const EMPTY_MEMORY: SafetyMemory = {
  turns: 0,
  carried: { distress: 0, request: 0, vulnerable: 0, fraud: 0, self_harm: 0 },
  distressLevels: [],
  drivers: [],
  selfHarmTurn: null,
  peak: 0,
};

const DECAY = { distress: 0.6, request: 0.8, vulnerable: 0.8, fraud: 0.8, self_harm: 0.8 } as const;
/** A light cue raises its reason once what the conversation carried reaches this (two in a row do). */
const CARRIED = 0.9;
const TREND_TURNS = 4;

export interface TurnSignals {
  scores: Record<CueReason, number>;
  selfHarm: boolean;
  drivers: Driver[];
  /** 0..1 emotional intensity of the message (shouting, negativity), next to the distress cues. */
  intensity: number;
}

export interface Accumulated {
  selfHarm: boolean;
  /** A self-harm disclosure in an earlier turn of this conversation. */
  selfHarmEarlier: boolean;
  /** The first self-harm cue came after routine turns: the late disclosure family. */
  lateDisclosure: boolean;
  distress: boolean;
  /** Distress rose over the last turns to a level no single message reached. */
  distressTrend: boolean;
  request: boolean;
  vulnerable: Driver[];
  fraud: boolean;
  memory: SafetyMemory;
}

export function accumulate(previous: SafetyMemory | null, now: TurnSignals): Accumulated {
  const prior = previous ?? EMPTY_MEMORY;
  const carry = (k: keyof SafetyMemory['carried']) =>
    round((prior.carried[k] ?? 0) * DECAY[k] + now.scores[k]);
  const carried = {
    distress: carry('distress'),
    request: carry('request'),
    vulnerable: carry('vulnerable'),
    fraud: carry('fraud'),
    self_harm: carry('self_harm'),
  };
  // A farewell told in parts ("gave the car away" … "before I go"): light cues in a row add up.
  const selfHarm =
    now.selfHarm ||
    (now.scores.self_harm > 0 && (prior.carried.self_harm ?? 0) > 0 && carried.self_harm >= CARRIED);
  // A turn's distress level: the cues, or the tone alone when it is strongly charged.
  const level = round(Math.max(now.scores.distress, now.intensity >= 0.5 ? now.intensity : 0));
  const levels = [...prior.distressLevels, level].slice(-TREND_TURNS);
  const rising =
    levels.length >= 3 &&
    levels.slice(-3).every((v, i, a) => i === 0 || v >= (a[i - 1] as number)) &&
    (levels[levels.length - 1] as number) > (levels[levels.length - 3] as number);
  const distressTrend = level > 0 && rising && levels.slice(-3).reduce((a, b) => a + b, 0) >= 1.2;
  const distress =
    now.scores.distress >= 1 || (now.scores.distress > 0 && carried.distress >= 1.1) || distressTrend;
  const request =
    now.scores.request >= 1 ||
    (now.scores.request > 0 && prior.carried.request > 0 && carried.request >= CARRIED);
  const fraud =
    now.scores.fraud >= 1 || (now.scores.fraud > 0 && prior.carried.fraud > 0 && carried.fraud >= CARRIED);
  const drivers = [...new Set([...prior.drivers, ...now.drivers])];
  const vulnerable =
    now.scores.vulnerable >= 1 ||
    (now.scores.vulnerable > 0 && prior.carried.vulnerable > 0 && carried.vulnerable >= CARRIED)
      ? now.drivers
      : [];
  const selfHarmEarlier = prior.selfHarmTurn !== null;
  const selfHarmTurn = prior.selfHarmTurn ?? (selfHarm ? prior.turns : null);
  const rank = selfHarm ? 3 : distress || fraud ? 2 : request || vulnerable.length > 0 ? 1 : 0;
  return {
    selfHarm,
    selfHarmEarlier,
    lateDisclosure: selfHarm && !selfHarmEarlier && prior.turns >= 2,
    distress,
    distressTrend,
    request,
    vulnerable,
    fraud,
    memory: {
      turns: prior.turns + 1,
      carried,
      distressLevels: levels,
      drivers,
      selfHarmTurn,
      peak: Math.max(prior.peak, rank),
    },
  };
}

/** The memory after a late self-harm raise (a guard model's verdict): remembered, peak at the top. */
export function withSelfHarm(memory: SafetyMemory): SafetyMemory {
  return { ...memory, selfHarmTurn: memory.selfHarmTurn ?? Math.max(0, memory.turns - 1), peak: 3 };
}

const round = (v: number) => Math.round(Math.min(3, v) * 1000) / 1000;
