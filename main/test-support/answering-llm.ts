import type { LlmAdapterLike } from '../core/agents';

/**
 * An adapter that answers every request with one fixed text, streamed as a single token: a guard model's
 * raw verdict, say. Unlike ScriptedLlm it follows no script, so a test states the output it feeds in.
 */
export function answeringLlm(text: string): LlmAdapterLike {
  const meta = {
    modelId: 'guard-fake',
    sha256: '',
    templateId: 't',
    promptTokens: 0,
    completionTokens: 0,
    ttftMs: 0,
    totalMs: 0,
    seed: 0,
    temperature: 0,
    deterministic: true,
  };
  return {
    info: { modelId: meta.modelId, sha256: meta.sha256, templateId: meta.templateId },
    generateJson: () => Promise.reject(new Error('not used')),
    stream: async (_req, onToken) => {
      onToken(text);
      return { text, meta };
    },
  };
}
