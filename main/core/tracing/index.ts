/**
 * Public API of tracing: one OpenTelemetry span per turn and per stage, kept on this machine only
 * (ring buffer plus the store's trace_spans table), GenAI semantic-convention attribute names, a
 * latency budget per stage, and an attribute guard that lets no customer text into a span.
 */
export {
  createTracer,
  type Tracer,
  type TracerOptions,
  type TurnTrace,
  type TurnSummary,
  type StageContext,
  type StageOptions,
  type StageResult,
  type StageTiming,
  type SpanRecord,
} from './tracer';
export {
  STRING_ATTRIBUTE_KEYS,
  attributeProblem,
  filterAttributes,
  assertSafeAttributes,
  type SafeAttributes,
  type SafeAttributeValue,
} from './attributes';
export { GEN_AI } from './semconv';
export { stageDurations, type StageSpanRow } from './stage-durations';
