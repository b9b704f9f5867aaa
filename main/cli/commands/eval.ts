import { createHash } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { basename, resolve } from 'node:path';
import { UserError } from '../../../shared/errors';
import { loadConfig } from '../../core/config';
import { loadScenarios, runEval } from '../../core/eval';
import { createLogger } from '../../core/log';
import { createModelRuntime, loadLlm, type LlmAdapter } from '../../core/models';
import { JSON_OPTION, stringFlag, UsageError, type Command } from '../command';
import { EXIT } from '../exit-codes';

/**
 * `--model SPEC`: a path to a GGUF file, or the id of a model in the manifest. Without it the runner
 * takes the no-model path (safe templates, handoff), and scripted `modelReply` turns use a ScriptedLlm.
 */
async function resolveModel(spec: string): Promise<{ llm: LlmAdapter; close(): Promise<void> }> {
  const config = loadConfig({ mode: 'cli' });
  if (spec.endsWith('.gguf')) {
    const path = resolve(spec);
    if (!existsSync(path)) throw new UserError('NOT_FOUND', `No model file at ${path}.`);
    const sha256 = createHash('sha256').update(readFileSync(path)).digest('hex');
    const llm = await loadLlm({
      modelPath: path,
      info: { modelId: basename(path, '.gguf'), sha256, templateId: 'gguf' },
      threads: config.modelThreads,
      deterministic: true,
    });
    return { llm, close: () => llm.close() };
  }
  const runtime = await createModelRuntime({
    config,
    log: createLogger({ level: 'warn' }),
    select: { llm: spec },
    deterministic: true,
  });
  const llm = runtime.llm();
  if (!llm) {
    await runtime.close();
    throw new UserError(
      'NOT_FOUND',
      `Model ${spec} is not installed or could not be loaded (see confidant models list).`,
    );
  }
  return { llm, close: () => runtime.close() };
}

export const evalCommand: Command = {
  name: 'eval',
  summary: 'Run eval scenarios through the real pipeline (exit 1 when any expectation fails).',
  usage:
    'eval --scenarios PATH [PATH...] [--scenarios PATH]... [--model SPEC] [--scripted] [--kb DIR] [--json]\n' +
    "  Without --model, each turn's modelReply is its draft (turns without one take the no-model path).\n" +
    '  With --model, that model drafts EVERY turn and modelReply is ignored;\n' +
    '  add --scripted to keep the modelReply drafts and let the model draft only the other turns.\n' +
    '  Several folders (dev, holdout) are one run with one summary line per folder on stderr.',
  options: {
    ...JSON_OPTION,
    scenarios: { type: 'string', multiple: true },
    model: { type: 'string' },
    scripted: { type: 'boolean' },
    kb: { type: 'string' },
  },
  // `--scenarios evals/dev evals/holdout`: the folders after the first arrive as positionals.
  allowPositionals: true,
  async run(ctx) {
    const raw = ctx.values.scenarios;
    const given = Array.isArray(raw) ? raw.filter((v): v is string => typeof v === 'string') : [];
    if (given.length === 0) throw new UsageError('--scenarios PATH is required.');
    const paths = [...given, ...ctx.positionals];
    const spec = stringFlag(ctx, 'model');
    const kb = stringFlag(ctx, 'kb');
    const scripted = ctx.values.scripted === true || !spec;
    const scenarios = loadScenarios(paths.map((p) => resolve(p)));
    const model = spec ? await resolveModel(spec) : null;
    try {
      const { report, stats } = await runEval(scenarios, {
        llm: model?.llm ?? null,
        scripted,
        ...(kb ? { kbRoot: resolve(kb) } : {}),
        onScenario: (id, passed) => {
          if (!ctx.values.json) ctx.info(`${passed ? 'pass' : 'FAIL'}  ${id}`);
        },
      });
      for (const [split, s] of Object.entries(stats.splits)) {
        const recall = Object.entries(s.reasons)
          .filter(([, f]) => f.expected > 0)
          .map(([reason, f]) => `${reason} ${f.caught}/${f.expected}`)
          .join(', ');
        ctx.info(
          `eval [${split}]: ${s.passed}/${s.total} scenarios passed` +
            (recall ? `; recall ${recall}` : '') +
            `; false alarms ${s.falseAlarms.escalated}/${s.falseAlarms.turnsExpectedCalm}`,
        );
      }
      ctx.info(
        `eval: ${report.summary.passed}/${report.summary.total} scenarios passed, ${stats.turns} turns ` +
          `(${stats.modelTurns} drafted by the model, ${stats.scriptedTurns} scripted, ${stats.noModelTurns} without a model), ` +
          `${stats.piiLeaks} PII leaks, ${stats.forbiddenDeliveries} forbidden-advice deliveries, ` +
          `${stats.unbackedPromises} unbacked promises of a person, ` +
          `false alarms ${report.falseAlarms.escalated}/${report.falseAlarms.turnsExpectedCalm}, ${stats.durationMs} ms`,
      );
      if (ctx.values.json) ctx.printJson(report);
      else {
        for (const s of report.scenarios.filter((x) => !x.passed)) {
          ctx.print(`FAIL ${s.id}`);
          s.turns.forEach((t, i) => t.violations.forEach((v) => ctx.print(`  turn ${i + 1}: ${v}`)));
        }
        for (const [reason, f] of Object.entries(report.reasons))
          if (f.expected > 0 || f.raisedWithoutExpectation > 0)
            ctx.print(
              `${reason}: recall ${f.caught}/${f.expected}, raised without expectation ${f.raisedWithoutExpectation}`,
            );
        ctx.print(`${report.summary.passed}/${report.summary.total} scenarios passed.`);
      }
      return report.summary.failed === 0 ? EXIT.OK : EXIT.CHECK_FAILED;
    } finally {
      await model?.close();
    }
  },
};
