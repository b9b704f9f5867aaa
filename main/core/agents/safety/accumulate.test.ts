import { describe, expect, it } from 'vitest';
import { accumulate, type SafetyMemory } from './accumulate';

const turn = (
  scores: Partial<Record<'self_harm' | 'distress' | 'request' | 'vulnerable' | 'fraud', number>>,
  intensity = 0,
) => ({
  scores: { self_harm: 0, distress: 0, request: 0, vulnerable: 0, fraud: 0, ...scores },
  selfHarm: (scores.self_harm ?? 0) >= 1,
  drivers: (scores.vulnerable ?? 0) > 0 ? (['resilience'] as const).slice() : [],
  intensity,
});

function run(turns: Array<ReturnType<typeof turn>>) {
  let memory: SafetyMemory | null = null;
  return turns.map((t) => {
    const acc = accumulate(memory, t);
    memory = acc.memory;
    return acc;
  });
}

describe('conversation accumulator', () => {
  it('light cues in separate turns add up', () => {
    const out = run([turn({ request: 0.5 }), turn({ request: 0.5 })]);
    expect(out[0]?.request).toBe(false);
    expect(out[1]?.request).toBe(true);
  });

  it('distress that builds over turns is a trend', () => {
    const out = run([turn({ distress: 0.3 }), turn({ distress: 0.5 }), turn({ distress: 0.6 })]);
    expect(out.map((o) => o.distress)).toEqual([false, false, true]);
    expect(out[2]?.distressTrend).toBe(true);
  });

  it('calm turns between cues let a light cue fade', () => {
    const out = run([turn({ request: 0.5 }), turn({}), turn({}), turn({}), turn({ request: 0.4 })]);
    expect(out[4]?.request).toBe(false);
  });

  it('self-harm is remembered for every later turn and the peak never falls', () => {
    const out = run([turn({}), turn({}), turn({ self_harm: 1 }), turn({}), turn({ request: 1 })]);
    expect(out[2]?.lateDisclosure).toBe(true);
    expect(out[3]?.selfHarmEarlier).toBe(true);
    expect(out[4]?.selfHarmEarlier).toBe(true);
    expect(out.map((o) => o.memory.peak)).toEqual([0, 0, 3, 3, 3]);
  });
});
