import { z } from 'zod';
import {
  ConfidenceSchema,
  DraftProposalSchema,
  DraftRequestSchema,
  IntentSchema,
  parseMessage,
  type DraftProposal,
  type DraftRequest,
} from './messages';
import type { DraftSource, GenerateRequestLike, LlmAdapterLike } from './ports';
import { createReplyStream } from './reply-stream';

/** The structured output the model must produce (enforced by a JSON-schema grammar in the adapter). */
export const DRAFT_JSON_SCHEMA = {
  type: 'object',
  properties: {
    reply: { type: 'string', maxLength: 1200 },
    citedDocIds: { type: 'array', items: { type: 'string' }, maxItems: 8 },
    confidence: { type: 'string', enum: ['low', 'medium', 'high'] },
    intent: { type: 'string', enum: IntentSchema.options },
  },
  required: ['reply', 'citedDocIds', 'confidence', 'intent'],
  additionalProperties: false,
} as const;

const ModelDraftSchema = z.object({
  reply: z.string().max(4000),
  citedDocIds: z.array(z.string()).max(16),
  confidence: ConfidenceSchema,
  intent: IntentSchema,
});
export type ModelDraft = z.infer<typeof ModelDraftSchema>;

/** Marker a passage carries in the prompt; the model cites passages by the id inside it. */
export const DOC_MARKER = /\[doc:([^\]\s]{1,120})\]/g;

/**
 * Builds the model request from a DraftRequest. Only DraftRequest fields reach the prompt, and the
 * pipeline fills them from pseudonymized text, so raw PII cannot reach the model through here.
 */
export function buildPrompt(req: DraftRequest): GenerateRequestLike {
  const passages = req.passages
    .map((p) => `[doc:${p.docId}] ${p.title}\n${p.text.slice(0, 700)}`)
    .join('\n\n');
  const lines = [
    `You are a careful, empathetic assistant at a ${req.domain === 'generic' ? 'service' : req.domain} front desk.`,
    'Answer only from the passages below and cite the doc ids you used. Never invent fees, times or rules.',
    'Never give investment, legal or medical advice. Never repeat personal data. Placeholders like <PERSON_1> stay as they are.',
    'If unsure, say so and offer a member of staff. Reply in JSON: reply, citedDocIds, confidence, intent.',
    '',
    'Passages:',
    passages || '(none found)',
  ];
  if (req.revision) {
    lines.push(
      '',
      'Your previous reply stated facts the passages do not support. Rewrite it without them:',
      ...req.revision.unsupportedClaims.map((c) => `- ${c}`),
    );
  }
  return {
    system: lines.join('\n'),
    messages: [...req.history, { role: 'user', content: req.customerText }],
    maxTokens: 320,
    timeoutMs: req.timeoutMs,
    temperature: 0,
    seed: 42,
  };
}

export interface DialogueManager {
  /**
   * `onReply` hears the reply text decoded so far while the model writes it: for display only, before
   * any check; the returned proposal is what the output rails judge.
   */
  draft(
    request: DraftRequest,
    signal?: AbortSignal,
    onReply?: (replySoFar: string) => void,
  ): Promise<DraftProposal>;
}

export function createDialogueManager(llm: LlmAdapterLike, source: DraftSource): DialogueManager {
  return {
    async draft(request, signal, onReply) {
      const req = parseMessage(DraftRequestSchema, request, 'DraftRequest');
      const prompt = buildPrompt(req);
      if (signal) prompt.signal = signal;
      const replies = onReply ? createReplyStream(onReply) : null;
      const { value, meta } = await llm.generateJson(
        prompt,
        DRAFT_JSON_SCHEMA,
        (v) => ModelDraftSchema.parse(v),
        replies ? (t) => replies.feed(t) : undefined,
      );
      // A model may cite ids it was never shown; only passages actually offered count as citations.
      const offered = new Set(req.passages.map((p) => p.docId));
      return parseMessage(
        DraftProposalSchema,
        {
          reply: value.reply.trim(),
          citedDocIds: [...new Set(value.citedDocIds.filter((id) => offered.has(id)))],
          confidence: value.confidence,
          intent: value.intent,
          source,
          modelId: meta.modelId,
          modelSha256: meta.sha256,
          promptTokens: meta.promptTokens,
          completionTokens: meta.completionTokens,
          totalMs: meta.totalMs,
        },
        'DraftProposal',
      );
    },
  };
}
