/**
 * OpenTelemetry GenAI semantic-convention attribute names used by Confidant (values: ids, counts,
 * model names; never prompts or completions, which the conventions keep optional and we never record).
 */
export const GEN_AI = {
  operationName: 'gen_ai.operation.name',
  providerName: 'gen_ai.provider.name',
  system: 'gen_ai.system',
  requestModel: 'gen_ai.request.model',
  responseModel: 'gen_ai.response.model',
  requestMaxTokens: 'gen_ai.request.max_tokens',
  requestTemperature: 'gen_ai.request.temperature',
  requestSeed: 'gen_ai.request.seed',
  inputTokens: 'gen_ai.usage.input_tokens',
  outputTokens: 'gen_ai.usage.output_tokens',
  timeToFirstTokenMs: 'confidant.gen_ai.ttft_ms',
  agentName: 'gen_ai.agent.name',
  dataSourceId: 'gen_ai.data_source.id',
} as const;
