/**
 * Calibrates the semantic safety thresholds for the installed embedding model on the DEV split only:
 * every customer turn that expects a reason is a positive for it, every turn that expects no escalation
 * is a negative; each reason's threshold is the highest negative similarity plus a margin (see
 * `calibrate` in agents/safety/semantic.ts). Prints thresholds and dev recall; `--write` stores them in
 * `<modelsDir>/semantic-thresholds.json` under the model's id, where the pipeline reads them.
 *
 *   npx tsx scripts/calibrate-semantic.ts [--scenarios evals/dev] [--models-dir models] [--model ID] [--write]
 */
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { calibrateSemantic, PROTOTYPES, cosine } from '../main/core/agents';
import { projectRoot } from '../main/core/config';
import { loadScenarios } from '../main/core/eval';
import {
  configureOffline,
  loadEmbedder,
  loadManifest,
  modelDirs,
  resolveManifestPath,
} from '../main/core/models';
import { SEMANTIC_THRESHOLDS_FILE } from '../main/core/pipeline';

type Reason = keyof typeof PROTOTYPES;
const REASON_OF: Record<string, Reason> = {
  self_harm: 'self_harm',
  high_emotion: 'distress',
  customer_request: 'request',
  vulnerable_customer: 'vulnerable',
  fraud: 'fraud',
};

function arg(name: string): string | undefined {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 ? process.argv[i + 1] : undefined;
}

async function main(): Promise<void> {
  const scenarios = resolve(arg('scenarios') ?? join(projectRoot(), 'evals', 'dev'));
  if (/holdout/i.test(scenarios)) throw new Error('calibration never reads the holdout split');
  const modelsDir = resolve(arg('models-dir') ?? join(projectRoot(), 'models'));
  const manifest = loadManifest(resolveManifestPath(modelsDir, join(projectRoot(), 'models')));
  const id = arg('model') ?? manifest.defaults.embedding;
  const entry = manifest.models.find((m) => m.id === id && m.role === 'embedding');
  if (!entry) throw new Error(`no embedding model '${id ?? ''}' in the manifest`);
  configureOffline(modelDirs(modelsDir).weightsDir);
  const embedder = await loadEmbedder(entry.id, entry.dtype);
  const protos = (Object.keys(PROTOTYPES) as Reason[]).flatMap((reason) =>
    Object.values(PROTOTYPES[reason])
      .flat()
      .map((text) => ({ reason, text })),
  );
  const protoVectors = await embedder.embed(protos.map((p) => p.text));
  const scored: Array<{ reason: Reason | null; best: Partial<Record<Reason, number>> }> = [];
  for (const { scenario } of loadScenarios(scenarios))
    for (const turn of scenario.turns) {
      const expect = turn.expect ?? {};
      const label =
        expect.escalated === false ? null : (expect.reasons ?? []).map((r) => REASON_OF[r]).find(Boolean);
      if (label === undefined) continue;
      const sentences = turn.customer.split(/(?<=[.!?])\s+/).filter((s) => s.trim().length > 0);
      const vectors = await embedder.embed(sentences);
      const best: Partial<Record<Reason, number>> = {};
      for (const v of vectors)
        protos.forEach((p, i) => {
          const sim = cosine(v, protoVectors[i] as Float32Array);
          if (sim > (best[p.reason] ?? -1)) best[p.reason] = sim;
        });
      scored.push({ reason: label, best });
    }
  const result = calibrateSemantic(scored);
  console.log(JSON.stringify({ model: entry.id, turns: scored.length, result }, null, 2));
  if (process.argv.includes('--write')) {
    const file = join(modelsDir, SEMANTIC_THRESHOLDS_FILE);
    const all = existsSync(file) ? (JSON.parse(readFileSync(file, 'utf8')) as Record<string, unknown>) : {};
    all[entry.id] = Object.fromEntries(Object.entries(result).map(([r, v]) => [r, v.threshold]));
    writeFileSync(file, `${JSON.stringify(all, null, 2)}\n`);
    console.log(`wrote ${file}`);
  }
  await embedder.close();
}

main().catch((err: unknown) => {
  console.error(err instanceof Error ? err.message : String(err));
  process.exitCode = 1;
});
