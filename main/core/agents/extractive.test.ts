import { describe, expect, it } from 'vitest';
import { HandoffPacketViewSchema } from '../../../shared/contract';
import { builtinPack } from '../policy';
import { composeExtractive, isFaqQuestion } from './extractive';
import { createEscalationHandler } from './escalation';
import { HandoffPacketSchema } from './messages';

const options = { minCoverage: 0.66, minSentenceOverlap: 0.5, maxSentences: 1, minQuestionWords: 3 };
const fees = {
  chunkId: '1',
  docId: 'bank-fees',
  title: 'Fees',
  text: '# Fees\n\nA replacement debit card is free of charge. An urgent replacement card delivered within 2 working days costs £10. Using your card abroad has a 2.75% foreign transaction fee.',
};
const lost = {
  chunkId: '2',
  docId: 'bank-lost-card',
  title: 'Lost or stolen cards',
  text: 'If your card is lost or stolen, freeze it in the app straight away. A new card arrives within 5 working days.',
};

describe('extractive answer', () => {
  it('quotes the best sentence of the top passage, verbatim, with its source', () => {
    const a = composeExtractive('How much does an urgent replacement card cost?', [fees, lost], options);
    expect(a).toMatchObject({ ok: true, sentences: 1, coverage: 1 });
    if (!a.ok) return;
    expect(a.body).toBe(
      'An urgent replacement card delivered within 2 working days costs £10. (Source: Fees.)',
    );
    expect(a.passage.docId).toBe('bank-fees');
  });

  it('refuses statements, vague questions, missing or uncovering passages, and the wrong kind of fact', () => {
    expect(composeExtractive('My card is broken.', [fees], options)).toMatchObject({
      reason: 'not_a_question',
    });
    expect(composeExtractive('What are your hours?', [fees], options)).toMatchObject({
      reason: 'vague_question',
    });
    expect(composeExtractive('How much does an urgent replacement card cost?', [], options)).toMatchObject({
      reason: 'no_passage',
    });
    expect(composeExtractive('Can I open a joint savings account online?', [fees], options)).toMatchObject({
      reason: 'low_coverage',
    });
    // Words overlap ("new card"), but the passage states when, not how much.
    expect(composeExtractive('How much does a new card cost?', [lost], options)).toMatchObject({
      ok: false,
      reason: 'no_sentence',
    });
    // Only the top-ranked passage is considered.
    expect(
      composeExtractive('How much does an urgent replacement card cost?', [lost, fees], options).ok,
    ).toBe(false);
  });

  it('recognises FAQ-type questions', () => {
    expect(isFaqQuestion('How much is a CHAPS payment')).toBe(true);
    expect(isFaqQuestion('Hello, can I pay in a cheque here')).toBe(true);
    expect(isFaqQuestion('I want to know the fee for SWIFT payments')).toBe(true);
    expect(isFaqQuestion('I am so angry with you people')).toBe(false);
    expect(isFaqQuestion(`What ${'x '.repeat(300)}?`)).toBe(false);
  });
});

describe('handoff packet schema', () => {
  const privacy = { detectPii: () => [], redactText: (t: string) => t };
  const packet = createEscalationHandler(builtinPack('bank'), privacy).packet({
    conversationId: 'c1',
    turnId: 't1',
    transcript: [{ role: 'customer', text: 'I want a person' }],
    guards: ['customer_requests_human'],
    reasons: ['customer_request'],
    sentiment: null,
    facts: null,
    riskScore: null,
    model: null,
    kbSnapshot: null,
    now: new Date('2026-01-01T00:00:00Z'),
  });

  it('is the shared desk view plus the identifying fields, with one definition', () => {
    expect(HandoffPacketViewSchema.safeParse(packet).success).toBe(true);
    expect(Object.keys(HandoffPacketViewSchema.shape).every((k) => k in HandoffPacketSchema.shape)).toBe(
      true,
    );
  });

  it('stays strict where the desk view is lenient: unknown keys and guards are rejected', () => {
    expect(HandoffPacketSchema.safeParse({ ...packet, raw: 'customer text' }).success).toBe(false);
    expect(
      HandoffPacketSchema.safeParse({
        ...packet,
        transcript: [{ role: 'customer', text: 'x', unredacted: 'y' }],
      }).success,
    ).toBe(false);
    expect(
      HandoffPacketSchema.safeParse({
        ...packet,
        triggers: [{ reason: 'risk', guard: 'not_a_guard', score: null, detail: '' }],
      }).success,
    ).toBe(false);
    expect(
      HandoffPacketSchema.safeParse({ ...packet, versions: { ...packet.versions, extra: 1 } }).success,
    ).toBe(false);
  });
});
