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
  usage: 'eval --scenarios PATH [--model SPEC] [--kb DIR] [--json]',
  options: {
    ...JSON_OPTION,
    scenarios: { type: 'string' },
    model: { type: 'string' },
    kb: { type: 'string' },
  },
  async run(ctx) {
    const path = stringFlag(ctx, 'scenarios');
    if (!path) throw new UsageError('--scenarios PATH is required.');
    const spec = stringFlag(ctx, 'model');
    const kb = stringFlag(ctx, 'kb');
    const scenarios = loadScenarios(resolve(path));
    const model = spec ? await resolveModel(spec) : null;
    try {
      const { report, stats } = await runEval(scenarios, {
        llm: model?.llm ?? null,
        ...(kb ? { kbRoot: resolve(kb) } : {}),
        onScenario: (id, passed) => {
          if (!ctx.values.json) ctx.info(`${passed ? 'pass' : 'FAIL'}  ${id}`);
        },
      });
      ctx.info(
        `eval: ${report.summary.passed}/${report.summary.total} scenarios passed, ${stats.turns} turns, ` +
          `${stats.piiLeaks} PII leaks, ${stats.forbiddenDeliveries} forbidden-advice deliveries, ${stats.durationMs} ms`,
      );
      if (ctx.values.json) ctx.printJson(report);
      else {
        for (const s of report.scenarios.filter((x) => !x.passed)) {
          ctx.print(`FAIL ${s.id}`);
          s.turns.forEach((t, i) => t.violations.forEach((v) => ctx.print(`  turn ${i + 1}: ${v}`)));
        }
        ctx.print(`${report.summary.passed}/${report.summary.total} scenarios passed.`);
      }
      return report.summary.failed === 0 ? EXIT.OK : EXIT.CHECK_FAILED;
    } finally {
      await model?.close();
    }
  },
};
