#!/usr/bin/env bash
# Cross-validated eval of the whole safety pipeline on evals/dev: for each of K folds (by scenario), train
# the learned lexicon without the fold, build the CLI and run `confidant eval` on the fold alone. The dev
# split's own figures are in-sample for the lexicon; these are not. Restores the committed weights.
#   bash scripts/safety-lexicon/cross-eval.sh [K=5]   -> per-fold JSON reports in $OUT (default /tmp/confidant-cv)
# CV_BY_AUTHOR=1 folds whole author batches (the `bNN` of an id; ids without one are the first author's),
# so a fold's authors are unseen in training, as the holdout's newest batches are to the product.
set -euo pipefail
cd "$(dirname "$0")/../.."
K=${1:-5}
OUT=${OUT:-/tmp/confidant-cv}
WEIGHTS=main/core/agents/safety/learned-weights.json
rm -rf "$OUT" && mkdir -p "$OUT"
cp "$WEIGHTS" "$OUT/committed-weights.json"
trap 'cp "$OUT/committed-weights.json" "$WEIGHTS"' EXIT
for ((k = 0; k < K; k++)); do
  mkdir -p "$OUT/fold-$k"
  node -e '
    const [dir, k, K, out] = process.argv.slice(1);
    const fs = require("node:fs");
    const ids = fs.readdirSync(dir).filter((n) => n.endsWith(".json")).map((n) => n.slice(0, -5));
    // FNV-1a, as the trainer folds scenarios, so a fold is whole conversations.
    const hash = (s) => { let h = 2166136261; for (let i = 0; i < s.length; i++) h = Math.imul(h ^ s.charCodeAt(i), 16777619); return h >>> 0; };
    const author = (id) => (id.match(/-(b\d+)-/) || [null, "b1"])[1];
    const key = (id) => (process.env.CV_BY_AUTHOR ? author(id) : id);
    const fold = ids.filter((id) => hash(key(id) + "#cv") % Number(K) === Number(k));
    fs.writeFileSync(out + "/ids.txt", fold.join("\n") + "\n");
    for (const id of fold) fs.copyFileSync(dir + "/" + id + ".json", out + "/" + id + ".json");
  ' evals/dev "$k" "$K" "$OUT/fold-$k"
  LEXICON_WITHOUT="$OUT/fold-$k/ids.txt" npx tsx scripts/safety-lexicon/train.ts >"$OUT/train-$k.log" 2>&1
  cp "$WEIGHTS" "$OUT/weights-$k.json"
  npm run build:cli >/dev/null 2>&1
  rm "$OUT/fold-$k/ids.txt"
  timeout 900 node bin/confidant.js eval --scenarios "$OUT/fold-$k" --json >"$OUT/fold-$k.json" 2>/dev/null || true
  echo "fold $k: $(node -e 'const r=require(process.argv[1]);console.log(r.summary.passed+"/"+r.summary.total, "calm turns escalated", r.falseAlarms.escalated+"/"+r.falseAlarms.turnsExpectedCalm, "self-harm", r.reasons.self_harm.caught+"/"+r.reasons.self_harm.expected)' "$OUT/fold-$k.json")"
done
