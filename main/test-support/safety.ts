import { detectMessage } from '../core/agents';

/** The five things a message can raise, named as the tests name them. */
export const RAISED_KINDS = ['selfHarm', 'distress', 'request', 'vulnerable', 'fraud'] as const;
export type RaisedKind = (typeof RAISED_KINDS)[number];

/** The escalation reason a test table names, as the kind `raised` reports it under. */
export const kindOf = (reason: string): RaisedKind =>
  reason === 'self_harm' ? 'selfHarm' : (reason as RaisedKind);

/** What one message raises, each score cut at 1 as the guard cuts it (docs/SAFETY.md). */
export function raised(text: string) {
  const m = detectMessage(text);
  return {
    selfHarm: m.selfHarm,
    distress: m.scores.distress >= 1,
    request: m.scores.request >= 1,
    vulnerable: m.scores.vulnerable >= 1,
    fraud: m.scores.fraud >= 1,
    families: m.families,
    thirdParty: m.thirdParty,
  };
}

/** The kinds a message raises, in a fixed order: `[]` for a calm one, so a failure names what fired. */
export function raisedKinds(text: string): RaisedKind[] {
  const r = raised(text);
  return RAISED_KINDS.filter((k) => r[k]);
}
