/**
 * Codes the core returns (degradations, escalation reasons, rail flags, outcomes) in plain words for the
 * desk. Unknown codes fall back to a readable form of the code, never to nothing.
 */

const DEGRADATION: Record<string, string> = {
  model_unavailable: 'No model installed: answers come from the knowledge base or a safe template.',
  extractive_kb: 'Answered by quoting the knowledge base (no model was used for this reply).',
  verifier_unsure: 'The fact check could not confirm every claim: read the draft carefully.',
  retrieval_unavailable: 'The knowledge base could not be searched for this reply.',
  sentiment_fallback: 'Sentiment was scored with the simple word list, not the model.',
  model_timeout: 'The model took too long: this reply comes from the knowledge base or a safe template.',
  model_failed: 'The model failed: this reply comes from the knowledge base or a safe template.',
  retrieval_budget: 'The knowledge-base search ran out of time; fewer passages were used.',
  budget_exceeded: 'This reply took longer than its time budget.',
};

const REASON: Record<string, string> = {
  high_emotion: 'the customer is very upset',
  risk: 'the request is risky',
  policy_breach: 'the draft broke a policy rule',
  customer_request: 'the customer asked for a person',
  self_harm: 'the customer may be at risk of harm',
  vulnerable_customer: 'the customer may be vulnerable',
  fraud: 'possible fraud',
  model_unavailable: 'no model was available',
  low_confidence: 'the draft is not confident enough',
};

const OUTCOME: Record<string, string> = {
  delivered: 'Passed the policy checks',
  rewritten: 'Draft rewritten by policy',
  blocked: 'Draft replaced by a safe template',
  escalated: 'Holding reply while a supervisor looks',
};

const RESOLUTION: Record<string, string> = {
  resolved: 'The supervisor resolved the escalation.',
  taken_over: 'The supervisor took the conversation over.',
  returned_to_agent: 'The supervisor returned the conversation to you.',
};

const readable = (code: string) => code.replace(/[_:]+/g, ' ');

export const degradationWords = (code: string) => DEGRADATION[code] ?? `Reduced service: ${readable(code)}.`;
export const reasonWords = (code: string) => REASON[code] ?? readable(code);
export const outcomeWords = (code: string) => OUTCOME[code] ?? readable(code);
export const resolutionWords = (code: string | null) =>
  (code && RESOLUTION[code]) ?? 'The escalation was closed.';

/** A rail flag (`tone:...`, `pii_echo:EMAIL`, `forbidden_advice:topic`) as a sentence. */
export function flagWords(flag: string): string {
  const [kind = '', detail = ''] = flag.split(/:(.*)/s);
  switch (kind) {
    case 'forbidden_advice':
      return `Gives advice staff may not give (${readable(detail)}).`;
    case 'pii_echo':
      return detail.startsWith('foreign')
        ? `Contains personal details (${readable(detail.replace('foreign:', ''))}) that are not the customer's own.`
        : `Repeats the customer's personal details (${readable(detail)}).`;
    case 'missing_disclosure':
      return `Leaves out a required notice (${readable(detail)}).`;
    case 'tone':
      return `Tone may read as dismissive or rude (${readable(detail)}).`;
    case 'promise':
      return `Makes a promise the knowledge base does not back (${readable(detail)}).`;
    default:
      return readable(flag);
  }
}
