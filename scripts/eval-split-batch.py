#!/usr/bin/env python3
# The split used for eval batches b3-b11 (evals/README.md): per batch and family, 40% of the files move from
# evals/dev to evals/holdout at random (seed 20261206, Python 3 stdlib random), before any tuning on them.
# Usage: python3 scripts/eval-split-batch.py b12 [b13 ...]   (run from the repository root; it git-mv's).
import os, random, re, sys, subprocess
root = os.path.join(os.path.dirname(os.path.abspath(__file__)), '..', 'evals')
prefixes = sys.argv[1:]
random.seed(20261206)
dev = os.path.join(root, 'dev'); hold = os.path.join(root, 'holdout')
groups = {}
for f in sorted(os.listdir(dev)):
    m = re.match(r'^(bank|clinic|generic)-([a-z-]+?)-(b\d+)-', f)
    if not m or m.group(3) not in prefixes: continue
    groups.setdefault((m.group(3), m.group(2)), []).append(f)
moved = []
for key, files in sorted(groups.items()):
    random.shuffle(files)
    k = round(len(files) * 0.4)
    for f in files[:k]:
        subprocess.check_call(['git', 'mv', os.path.join(dev, f), os.path.join(hold, f)])
        moved.append(f)
    print(key, len(files), '->holdout', k)
print('moved', len(moved))
