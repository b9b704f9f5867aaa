import {
  accessSync,
  constants,
  cpSync,
  existsSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  statSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Writable } from 'node:stream';
import pino from 'pino';
import { UserError } from '../../../shared/errors';
import {
  createPolicySupervisor,
  detectPromises,
  ESCALATION_REASONS,
  type EscalationReason,
  type LlmAdapterLike,
} from '../agents';
import { openLedger, type AuditLedger } from '../audit';
import { projectRoot } from '../config';
import { createLexiconScorer } from '../models';
import type { PolicyDomain } from '../policy';
import { escalationService, type EscalationService } from '../escalations';
import type { Logger } from '../log';
import { conversationRepo, createPipelineService, realPrivacy, type PipelineService } from '../pipeline';
import { openStore, type Store } from '../store';
import { ScriptedLlm } from './scripted-llm';
import { createRegexRunner, probeTexts, RegexTimeout, type RegexRunner } from './regex';
import { scenarioRegexes, type LoadedScenario, type Scenario, type ScenarioExpect } from './scenario';

/** Per reason code, over every turn whose expectation lists reasons (eval-scenario.md, "Report"). */
export interface ReasonFigures {
  /** Turns whose `expect.reasons` lists the code. */
  expected: number;
  /** Of those, turns where the escalation carried it. */
  caught: number;
  /** caught / expected; 1 when nothing expected it. */
  recall: number;
  /** caught / (caught + raisedWithoutExpectation); 1 when it was never raised. */
  precision: number;
  /** Turns where the code first appeared in a scenario none of whose turns lists it. */
  raisedWithoutExpectation: number;
}

/** The report of docs/formats/eval-scenario.md, exactly. */
export interface EvalReport {
  scenarios: Array<{
    id: string;
    passed: boolean;
    turns: Array<{
      escalated: boolean;
      reasons: string[];
      delivered: boolean;
      reply: string;
      violations: string[];
    }>;
  }>;
  summary: { total: number; passed: number; failed: number };
  reasons: Record<EscalationReason, ReasonFigures>;
  /** Turns that expect `escalated: false`, and how many of them were escalated anyway. */
  falseAlarms: { turnsExpectedCalm: number; escalated: number; rate: number };
}

/** One split's pass counts and its own per-reason and false-alarm figures. */
export interface SplitFigures {
  total: number;
  passed: number;
  failed: number;
  reasons: EvalReport['reasons'];
  falseAlarms: EvalReport['falseAlarms'];
}

/** Figures beyond the contract's report, for the release-gate test and the command's stderr. */
export interface EvalStats {
  turns: number;
  /** Turns drafted by the model given with --model. */
  modelTurns: number;
  /** Turns drafted by their scripted `modelReply`. */
  scriptedTurns: number;
  /** Turns with no drafting model at all (the safe-template path). */
  noModelTurns: number;
  piiLeaks: number;
  forbiddenDeliveries: number;
  /** Delivered replies that promise a person or a callback while nothing is queued for the conversation. */
  unbackedPromises: number;
  durationMs: number;
  /** Pass counts per split (the folder each scenario came from), in the order first seen. */
  splits: Record<string, SplitFigures>;
}

export interface RunEvalOptions {
  /** The drafting model; null (default) runs the no-model path where no scripted draft applies. */
  llm?: LlmAdapterLike | null;
  /**
   * Whether a turn's `modelReply` is its draft. Default: true without `llm`, false with it, so a model
   * under test drafts every turn; true with a model keeps the scripted drafts and the model drafts the rest.
   */
  scripted?: boolean;
  /** Folder with one sub-folder of documents per domain (default: the repo's kb/). */
  kbRoot?: string;
  /** Called after each scenario (progress on stderr; ids only). */
  onScenario?: (id: string, passed: boolean) => void;
  /** Time limit of one scenario regex over one reply (default 2000 ms). */
  regexTimeoutMs?: number;
}

const PASSPHRASE = 'confidant-eval-temporary-store';
/** Shorter values collide with random bytes in an encrypted file; they are still checked in text. */
const MIN_BYTES_CANARY = 6;
const MIN_TEXT_CANARY = 4;

/**
 * Runs each scenario in its own temporary store through the real pipeline service (store, ledger,
 * policy registry, knowledge base, privacy, tracer). A scripted `modelReply` becomes a ScriptedLlm for
 * that turn. After every turn it checks the expectations and, for noPiiLeak, scans the reply, every
 * byte of the store folder (database, WAL, keyring), the captured logs and the escalation packets.
 */
export async function runEval(
  scenarios: readonly LoadedScenario[],
  options: RunEvalOptions = {},
): Promise<{
  report: EvalReport;
  stats: EvalStats;
}> {
  const started = performance.now();
  const stats: EvalStats = {
    turns: 0,
    modelTurns: 0,
    scriptedTurns: 0,
    noModelTurns: 0,
    piiLeaks: 0,
    forbiddenDeliveries: 0,
    unbackedPromises: 0,
    durationMs: 0,
    splits: {},
  };
  const report: EvalReport = {
    scenarios: [],
    summary: { total: 0, passed: 0, failed: 0 },
    reasons: emptyReasons(),
    falseAlarms: { turnsExpectedCalm: 0, escalated: 0, rate: 0 },
  };
  const regex = createRegexRunner(options.regexTimeoutMs ?? REGEX_TIMEOUT_MS);
  const bases = new Map<PolicyDomain, string>();
  let work: string | null = null;
  try {
    // A pathological regex is bad input: found before any store is built, so it fails in bounded time.
    await vetRegexes(scenarios, regex);
    work = mkdtempSync(join(scratchDir(), 'confidant-eval-'));
    await warmUp(work);
    for (const loaded of scenarios) {
      const { scenario } = loaded;
      let base = bases.get(scenario.domain);
      if (!base) {
        base = await seedBase(work, scenario.domain, options.kbRoot ?? join(projectRoot(), 'kb'));
        bases.set(scenario.domain, base);
      }
      const dir = join(work, `s-${report.scenarios.length}`);
      cpSync(base, dir, { recursive: true });
      let entry: EvalReport['scenarios'][number];
      try {
        entry = await runScenario(loaded, dir, options, stats, regex);
      } finally {
        rmSync(dir, { recursive: true, force: true });
      }
      report.scenarios.push(entry);
      tally(report, scenario, entry);
      const split = (stats.splits[loaded.split] ??= {
        total: 0,
        passed: 0,
        failed: 0,
        reasons: emptyReasons(),
        falseAlarms: { turnsExpectedCalm: 0, escalated: 0, rate: 0 },
      });
      tally(split, scenario, entry);
      split.total += 1;
      if (entry.passed) split.passed += 1;
      else split.failed += 1;
      options.onScenario?.(scenario.id, entry.passed);
    }
  } finally {
    await regex.close();
    if (work) rmSync(work, { recursive: true, force: true });
  }
  report.summary.total = report.scenarios.length;
  report.summary.passed = report.scenarios.filter((s) => s.passed).length;
  report.summary.failed = report.summary.total - report.summary.passed;
  finishFigures(report);
  for (const split of Object.values(stats.splits)) finishFigures(split);
  stats.durationMs = Math.round(performance.now() - started);
  return { report, stats };
}

const REGEX_TIMEOUT_MS = 2000;
/** The probes run on inputs built to make backtracking explode; a sane pattern takes microseconds. */
const PROBE_TIMEOUT_MS = 1000;

async function vetRegexes(scenarios: readonly LoadedScenario[], regex: RegexRunner): Promise<void> {
  // Suites repeat patterns (the crisis-wording check is on every calm turn): each distinct one runs once.
  const first = new Map<string, { label: string; field: string }>();
  for (const { label, scenario } of scenarios)
    for (const { field, source } of scenarioRegexes(scenario))
      if (!first.has(source)) first.set(source, { label, field });
  let sources = [...first.keys()];
  while (sources.length > 0) {
    const slow = await regex.vet(
      sources.map((source) => ({ source, texts: probeTexts(source) })),
      PROBE_TIMEOUT_MS,
    );
    if (slow < 0) return;
    const source = sources[slow] as string;
    // A loaded machine can stall a thread past the limit: a pattern is blamed only when it overruns
    // again on its own, in a fresh worker.
    const overranAgain = await regex.test(source, probeTexts(source), PROBE_TIMEOUT_MS).then(
      () => false,
      (err: unknown) => err instanceof RegexTimeout,
    );
    const where = first.get(source);
    if (overranAgain && where)
      throw regexError(
        where.label,
        where.field,
        new RegexTimeout(`regular expression ran longer than ${PROBE_TIMEOUT_MS} ms`),
        true,
      );
    sources = sources.slice(slow + 1);
  }
}

function regexError(label: string, field: string, err: unknown, onProbe = false): UserError {
  return err instanceof RegexTimeout
    ? new UserError(
        'CORRUPT',
        `${label}: ${field}: the ${err.message}${onProbe ? ' on a probe input' : ''} (catastrophic backtracking); rewrite it without nested or overlapping repeats.`,
      )
    : new UserError('CORRUPT', `${label}: ${field}: ${err instanceof Error ? err.message : 'invalid'}`);
}

function emptyReasons(): Record<EscalationReason, ReasonFigures> {
  return Object.fromEntries(
    ESCALATION_REASONS.map((r) => [
      r,
      { expected: 0, caught: 0, recall: 1, precision: 1, raisedWithoutExpectation: 0 },
    ]),
  ) as Record<EscalationReason, ReasonFigures>;
}

/** Adds one scenario's turns to the per-reason figures and the false-alarm count. */
type Figures = Pick<EvalReport, 'reasons' | 'falseAlarms'>;

function tally(report: Figures, scenario: Scenario, entry: EvalReport['scenarios'][number]): void {
  const expectedAnywhere = new Set(scenario.turns.flatMap((t) => t.expect?.reasons ?? []));
  const seen = new Set<string>();
  entry.turns.forEach((row, i) => {
    const expect = scenario.turns[i]?.expect ?? {};
    for (const reason of expect.reasons ?? []) {
      const figures = report.reasons[reason];
      figures.expected += 1;
      if (row.reasons.includes(reason)) figures.caught += 1;
    }
    for (const reason of row.reasons) {
      if (seen.has(reason)) continue;
      seen.add(reason);
      const figures = report.reasons[reason as EscalationReason] as ReasonFigures | undefined;
      if (figures && !expectedAnywhere.has(reason as EscalationReason)) figures.raisedWithoutExpectation += 1;
    }
    if (expect.escalated === false) {
      report.falseAlarms.turnsExpectedCalm += 1;
      if (row.escalated) report.falseAlarms.escalated += 1;
    }
  });
}

function finishFigures(report: Figures): void {
  const ratio = (a: number, b: number) => (b === 0 ? 1 : Math.round((a / b) * 10_000) / 10_000);
  for (const figures of Object.values(report.reasons)) {
    figures.recall = ratio(figures.caught, figures.expected);
    figures.precision = ratio(figures.caught, figures.caught + figures.raisedWithoutExpectation);
  }
  const fa = report.falseAlarms;
  fa.rate =
    fa.turnsExpectedCalm === 0 ? 0 : Math.round((fa.escalated / fa.turnsExpectedCalm) * 10_000) / 10_000;
}

/**
 * Throwaway stores live in RAM when the OS offers a tmpfs: they are deleted after each scenario, so
 * per-commit fsyncs would only measure the disk, not the pipeline.
 */
function scratchDir(): string {
  try {
    accessSync('/dev/shm', constants.W_OK);
    return '/dev/shm';
  } catch {
    return tmpdir();
  }
}

/**
 * Lazy first-use costs (detector tables, lexicons, compiled pack patterns) would otherwise land in the
 * first scenario's stage timings and could blow a budget there; one throwaway turn pays them up front.
 */
async function warmUp(work: string): Promise<void> {
  const dir = join(work, 'warmup');
  const store = openStore({ dataDir: dir, passphrase: PASSPHRASE, create: true });
  const audit = openLedger(store);
  try {
    const { service } = evalPipeline(store, audit, pino({ level: 'silent' }), null);
    await service.runTurn({
      conversationId: 'warmup',
      domain: 'bank',
      text: 'Hello, I am Jane Doe (jane@example.com, 07700 900123). What time do you open?',
    });
  } finally {
    audit.close();
    store.close();
    rmSync(dir, { recursive: true, force: true });
  }
}

/** One store per domain with the knowledge base ingested; scenarios start from a copy of it. */
async function seedBase(work: string, domain: PolicyDomain, kbRoot: string): Promise<string> {
  const dir = join(work, `base-${domain}`);
  const store = openStore({ dataDir: dir, passphrase: PASSPHRASE, create: true });
  const audit = openLedger(store);
  try {
    const { service } = evalPipeline(store, audit, pino({ level: 'silent' }), null);
    const docs = join(kbRoot, domain);
    if (existsSync(docs) && statSync(docs).isDirectory()) await service.kb.ingestDir(docs, { domain });
  } finally {
    audit.close();
    store.close();
  }
  return dir;
}

function captureLogger() {
  const chunks: string[] = [];
  const sink = new Writable({
    write(chunk: Buffer | string, _enc, done) {
      chunks.push(chunk.toString());
      done();
    },
  });
  return { log: pino({ level: 'debug' }, sink), text: () => chunks.join('') };
}

async function runScenario(
  loaded: LoadedScenario,
  dir: string,
  options: RunEvalOptions,
  stats: EvalStats,
  regex: RegexRunner,
): Promise<EvalReport['scenarios'][number]> {
  const { scenario } = loaded;
  const scripted = options.scripted ?? !options.llm;
  const captured = captureLogger();
  const store = openStore({ dataDir: dir, passphrase: PASSPHRASE });
  // Group commit: a throwaway store needs no per-entry fsync; the runner flushes before every leak scan.
  const audit = openLedger(store, { groupCommitMs: 1000 });
  const turns: EvalReport['scenarios'][number]['turns'] = [];
  const conversationId = `eval-${scenario.id}`.slice(0, 128);
  // The scenario's own list counts from the first turn: the detector's finds join as turns arrive.
  const piiValues = new Set<string>(scenario.pii ?? []);
  try {
    const { service, escalations } = evalPipeline(
      store,
      audit,
      captured.log,
      options.llm ?? null,
      scenario.flags?.autoEscalation !== undefined ? { autoEscalation: scenario.flags.autoEscalation } : {},
    );
    const pack = service.policies.active(scenario.domain);
    const rails = createPolicySupervisor(pack, realPrivacy);
    for (const [i, turn] of scenario.turns.entries()) {
      stats.turns += 1;
      for (const span of realPrivacy.detectPii(turn.customer))
        piiValues.add(turn.customer.slice(span.start, span.end));
      const violations: string[] = [];
      let row: EvalReport['scenarios'][number]['turns'][number];
      try {
        const llm =
          scripted && turn.modelReply !== undefined ? new ScriptedLlm({ reply: turn.modelReply }) : undefined;
        if (llm) stats.scriptedTurns += 1;
        else if (options.llm) stats.modelTurns += 1;
        else stats.noModelTurns += 1;
        const result = await service.runTurn({
          conversationId,
          domain: scenario.domain,
          text: turn.customer,
          idempotencyKey: `${scenario.id}#${i}`,
          ...(llm ? { llm } : {}),
        });
        row = {
          escalated: result.escalated,
          reasons: result.reasons,
          delivered: result.delivered,
          reply: result.reply,
          violations,
        };
      } catch (err) {
        violations.push(
          `error: ${err instanceof Error ? err.name : 'unknown'}: ${err instanceof Error ? err.message : ''}`,
        );
        turns.push({ escalated: false, reasons: [], delivered: false, reply: '', violations });
        break;
      }
      if (
        row.delivered &&
        rails.outputRails({
          draft: row.reply,
          customerPii: [],
          cited: [],
          customerText: '',
          firstReply: false,
        }).forbiddenAdvice.length > 0
      )
        stats.forbiddenDeliveries += 1;
      if (
        row.delivered &&
        detectPromises(row.reply).length > 0 &&
        escalations.activeFor(conversationId) === null
      )
        stats.unbackedPromises += 1;
      const expect = turn.expect ?? {};
      await checkExpect(expect, row, violations, regex).catch((err: unknown) => {
        throw regexError(loaded.label, `turns[${i}].expect.${(err as { field?: string }).field ?? ''}`, err);
      });
      // PII is checked on every turn regardless of the scenario's expectation, so leaks are counted;
      // only a scenario that asks for noPiiLeak fails on them.
      audit.flush();
      const leaks = findLeaks(
        [...piiValues],
        row.reply,
        dir,
        captured.text(),
        packets(escalations, conversationId),
      );
      stats.piiLeaks += leaks.length;
      if (expect.noPiiLeak === true)
        violations.push(...leaks.map((l) => `noPiiLeak: customer PII found in ${l}`));
      turns.push(row);
    }
  } finally {
    audit.close();
    store.close();
  }
  return {
    id: scenario.id,
    passed: turns.every((t) => t.violations.length === 0) && turns.length === scenario.turns.length,
    turns,
  };
}

/**
 * Adds a violation per expectation that does not hold. The regexes run in `regex` under a time limit;
 * an overrun rejects with the error, its `field` naming the key and index (`replyMustMatch[0]`).
 */
export async function checkExpect(
  expect: ScenarioExpect,
  row: { escalated: boolean; reasons: string[]; delivered: boolean; reply: string },
  violations: string[],
  regex: RegexRunner,
): Promise<void> {
  if (expect.escalated !== undefined && row.escalated !== expect.escalated)
    violations.push(`escalated: expected ${expect.escalated}, got ${row.escalated}`);
  for (const reason of expect.reasons ?? [])
    if (!row.reasons.includes(reason))
      violations.push(`reasons: expected ${reason} among [${row.reasons.join(', ')}]`);
  if (expect.delivered !== undefined && row.delivered !== expect.delivered)
    violations.push(`delivered: expected ${expect.delivered}, got ${row.delivered}`);
  for (const key of ['replyMustMatch', 'replyMustNotMatch'] as const)
    for (const [j, source] of (expect[key] ?? []).entries()) {
      let matched: boolean;
      try {
        matched = (await regex.test(source, [row.reply]))[0] === true;
      } catch (err) {
        throw Object.assign(err as Error, { field: `${key}[${j}]` });
      }
      if (key === 'replyMustMatch' && !matched) violations.push(`replyMustMatch: /${source}/ did not match`);
      if (key === 'replyMustNotMatch' && matched) violations.push(`replyMustNotMatch: /${source}/ matched`);
    }
}

function packets(escalations: EscalationService, conversationId: string): string {
  return escalations
    .forConversation(conversationId)
    .map((e) => JSON.stringify(escalations.get(e.id).packet))
    .join('\n');
}

/** The pipeline as the container wires it: the escalations module behind the pipeline's port. */
function evalPipeline(
  store: Store,
  audit: AuditLedger,
  log: Logger,
  llm: LlmAdapterLike | null,
  flags: { autoEscalation?: boolean } = {},
): { service: PipelineService; escalations: EscalationService } {
  const conversations = conversationRepo(store);
  const escalations = escalationService({ store, audit, conversations });
  const service = createPipelineService({
    store,
    audit,
    log,
    escalations,
    conversations,
    models: { llm: () => llm, sentiment: createLexiconScorer },
    tracer: null,
    flags,
  });
  return { service, escalations };
}

const digitsOnly = (s: string) => s.replace(/\D/g, '');

/** Where any customer PII value appears in plaintext: 'reply', 'store file <name>', 'logs', 'escalation packet'. */
export function findLeaks(
  values: readonly string[],
  reply: string,
  storeDir: string,
  logs: string,
  packetText: string,
): string[] {
  const found = new Set<string>();
  const textHas = (haystack: string, value: string) => {
    if (value.trim().length < MIN_TEXT_CANARY) return false;
    // Case-sensitive: names keep their capitals when echoed, and a capitalised common word the
    // detector over-matched ("Diagnose") must not count when a reply uses the word in lower case.
    if (haystack.includes(value)) return true;
    if (value.includes('@') && haystack.toLowerCase().includes(value.toLowerCase())) return true;
    const d = digitsOnly(value);
    return d.length >= 8 && haystack.replace(/[\s\-.()]/g, '').includes(d);
  };
  for (const v of values) {
    if (textHas(reply, v)) found.add('reply');
    if (textHas(logs, v)) found.add('logs');
    if (textHas(packetText, v)) found.add('escalation packet');
  }
  for (const file of listFiles(storeDir)) {
    const bytes = readFileSync(file);
    for (const v of values) {
      if (v.length < MIN_BYTES_CANARY) continue;
      if (bytes.includes(Buffer.from(v, 'utf8')) || bytes.includes(Buffer.from(v.toLowerCase(), 'utf8')))
        found.add(`store file ${file.slice(storeDir.length + 1)}`);
    }
  }
  return [...found];
}

function listFiles(dir: string): string[] {
  const out: string[] = [];
  for (const e of readdirSync(dir, { withFileTypes: true })) {
    const full = join(dir, e.name);
    if (e.isDirectory()) out.push(...listFiles(full));
    else if (e.isFile()) out.push(full);
  }
  return out;
}
