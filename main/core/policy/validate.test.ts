import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { stringify } from 'yaml';
import {
  builtinPack,
  DOMAINS,
  GUARDS,
  loadPackFile,
  packHash,
  parsePack,
  PackValidationError,
  STAGES,
  type PolicyPack,
} from '.';

function problemsOf(input: unknown): string[] {
  try {
    parsePack(input);
  } catch (err) {
    if (err instanceof PackValidationError) return err.problems.map((p) => `${p.path}: ${p.message}`);
    throw err;
  }
  return [];
}

function mutate(fn: (p: PolicyPack) => void): PolicyPack {
  const p = builtinPack('bank');
  fn(p);
  return p;
}

describe('shipped packs', () => {
  it('are valid, versioned and cover every domain', () => {
    for (const d of DOMAINS) {
      const p = builtinPack(d);
      expect(p.domain).toBe(d);
      expect(p.version).toMatch(/^\d+\.\d+\.\d+/);
      expect(problemsOf(p)).toEqual([]);
      expect(packHash(p)).toMatch(/^[0-9a-f]{64}$/);
      // Every escalation reason the pack can produce is mapped by a rule for the guards it routes on.
      expect(p.requiredDisclosures.some((r) => r.when === 'first_reply')).toBe(true);
      expect(p.escalation.some((r) => r.guard === 'self_harm' && r.reason === 'self_harm')).toBe(true);
    }
    expect(STAGES).toHaveLength(12);
    expect(GUARDS).toContain('budget_exceeded');
  });

  it('returns a fresh copy each time (the cached original cannot be mutated)', () => {
    const a = builtinPack('clinic');
    a.thresholds.risk = 0.01;
    expect(builtinPack('clinic').thresholds.risk).not.toBe(0.01);
  });
});

describe('malformed packs are rejected with path-level errors', () => {
  it('wrong semver', () => {
    expect(problemsOf(mutate((p) => (p.version = '1.0')))).toEqual([
      'version: must be a semantic version like 1.2.3',
    ]);
    expect(problemsOf(mutate((p) => (p.version = '01.2.3')))).toHaveLength(1);
    expect(problemsOf(mutate((p) => (p.version = '1.2.3-rc.1+build.5')))).toEqual([]);
  });

  it('unknown guard', () => {
    const errs = problemsOf(
      mutate((p) => {
        (p.graph.nodes[1]?.next[0] as { when: unknown }).when = 'full_moon';
      }),
    );
    expect(errs).toHaveLength(1);
    expect(errs[0]).toMatch(/^graph\.nodes\[1\]\.next\[0\]\.when: /);
    const inEscalation = problemsOf(
      mutate((p) => ((p.escalation[0] as { guard: string }).guard = 'bad_guard')),
    );
    expect(inEscalation[0]).toMatch(/^escalation\[0\]\.guard: /);
  });

  it('dangling edge', () => {
    expect(
      problemsOf(
        mutate((p) => {
          (p.graph.nodes[2]?.next[0] as { to: string }).to = 'x';
        }),
      ),
    ).toContain('graph.nodes[2].next[0].to: unknown node "x"');
    expect(problemsOf(mutate((p) => (p.graph.start = 'nowhere')))).toContain(
      'graph.start: unknown node "nowhere"',
    );
  });

  it('cycle', () => {
    const errs = problemsOf(
      mutate((p) => {
        // decide -> ... -> receive: a loop back to the start.
        const decide = p.graph.nodes.find((n) => n.id === 'decide');
        decide?.next.unshift({ to: 'receive', when: 'tone_violation' });
      }),
    );
    expect(errs).toEqual([
      expect.stringMatching(/^graph\.nodes\[7\]\.next\[0\]\.to: cycle back to node "receive"$/),
    ]);
  });

  it('paths that cannot reach a terminal, unreachable and duplicate nodes, terminal edges', () => {
    const stall = problemsOf(mutate((p) => ((p.graph.nodes[3] as { next: unknown[] }).next = [])));
    expect(stall).toContain('graph.nodes[3].next: non-terminal stage "retrieve" needs at least one edge');
    const lastNotAlways = problemsOf(mutate((p) => p.graph.nodes[1]?.next.pop()));
    expect(lastNotAlways).toContain('graph.nodes[1].next[0].when: the last edge of a node must be "always"');
    const orphan = problemsOf(
      mutate((p) => p.graph.nodes.push({ id: 'orphan', stage: 'block', budgetMs: 5, next: [] })),
    );
    expect(orphan).toEqual(['graph.nodes[16]: node "orphan" is unreachable from start']);
    const dup = problemsOf(mutate((p) => ((p.graph.nodes[2] as { id: string }).id = 'receive')));
    expect(dup[0]).toBe('graph.nodes[2].id: duplicate node "receive"');
    const terminalEdge = problemsOf(
      mutate((p) => {
        const deliver = p.graph.nodes.find((n) => n.id === 'deliver');
        deliver?.next.push({ to: 'receive', when: 'always' });
      }),
    );
    expect(terminalEdge[0]).toMatch(/terminal stage "deliver" must have no edges/);
  });

  it('budgets, thresholds, templates, retention, reasons and topic references', () => {
    expect(problemsOf(mutate((p) => ((p.graph.nodes[0] as { budgetMs: number }).budgetMs = 0)))[0]).toMatch(
      /^graph\.nodes\[0\]\.budgetMs: /,
    );
    expect(problemsOf(mutate((p) => (p.thresholds.highEmotion = 1.5)))[0]).toMatch(
      /^thresholds\.highEmotion: /,
    );
    expect(
      problemsOf(mutate((p) => delete (p.templates as Partial<PolicyPack['templates']>).self_harm))[0],
    ).toMatch(/^templates\.self_harm: /);
    expect(problemsOf(mutate((p) => (p.retention.trace = -1)))[0]).toMatch(/^retention\.trace: /);
    expect(problemsOf(mutate((p) => ((p.escalation[0] as { reason: string }).reason = 'bored')))[0]).toMatch(
      /^escalation\[0\]\.reason: /,
    );
    expect(
      problemsOf(
        mutate((p) => ((p.requiredDisclosures[1] as { when: unknown }).when = { topic: 'astrology' })),
      ),
    ).toEqual(['requiredDisclosures[1].when.topic: unknown topic "astrology"']);
    expect(problemsOf({ ...builtinPack('bank'), extra: 1 })[0]).toMatch(/^\(root\): /);
  });

  it('unsafe or broken patterns', () => {
    const errs = problemsOf(
      mutate((p) => {
        p.injectionPatterns.push('(a+)+$');
        p.offTopic.push('(?:ab|cd){1,9}x{2,5}');
        p.cues.fraud.push('[unclosed');
        (p.forbiddenTopics[0] as { patterns: string[] }).patterns.push('\\bfoo.*bar');
      }),
    );
    expect(errs).toEqual([
      expect.stringMatching(/^forbiddenTopics\[0\]\.patterns\[6\]: unbounded quantifier "\*"/),
      expect.stringMatching(/^injectionPatterns\[15\]: unbounded quantifier "\+"/),
      'cues.fraud[8]: not a valid regular expression',
    ]);
    // A bounded, non-nested pattern with alternation is allowed (the offTopic one above).
  });
});

describe('pack files', () => {
  const dirs: string[] = [];
  afterEach(() => {
    for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
  });
  const tmp = () => {
    const d = mkdtempSync(join(tmpdir(), 'confidant-'));
    dirs.push(d);
    return d;
  };

  it('loads YAML and JSON with the same result', () => {
    const d = tmp();
    const p = builtinPack('generic');
    writeFileSync(join(d, 'g.yaml'), stringify(p));
    writeFileSync(join(d, 'g.json'), JSON.stringify(p));
    expect(packHash(loadPackFile(join(d, 'g.yaml')))).toBe(packHash(p));
    expect(packHash(loadPackFile(join(d, 'g.json')))).toBe(packHash(p));
  });

  it('reports YAML syntax errors with a line, and a path for schema errors', () => {
    const d = tmp();
    writeFileSync(join(d, 'broken.yaml'), 'id: x\ngraph:\n  nodes: [\n');
    expect(() => loadPackFile(join(d, 'broken.yaml'))).toThrow(
      /broken\.yaml: \(root\): not valid YAML at line \d+/,
    );
    const p = builtinPack('bank') as unknown as { graph: { nodes: Array<{ next: Array<{ to: string }> }> } };
    (p.graph.nodes[2]?.next[0] as { to: string }).to = 'x';
    writeFileSync(join(d, 'dangling.yaml'), stringify(p));
    expect(() => loadPackFile(join(d, 'dangling.yaml'))).toThrow(
      'graph.nodes[2].next[0].to: unknown node "x"',
    );
    try {
      loadPackFile(join(d, 'dangling.yaml'));
    } catch (err) {
      expect(err).toMatchObject({ code: 'VALIDATION' });
    }
    writeFileSync(join(d, 'dup.yaml'), 'id: a\nid: b\n');
    expect(() => loadPackFile(join(d, 'dup.yaml'))).toThrow(/not valid YAML/);
    expect(() => loadPackFile(join(d, 'pack.toml'))).toThrow(/\.yaml, \.yml or \.json/);
    expect(() => loadPackFile(join(d, 'missing.yaml'))).toThrow(
      expect.objectContaining({ code: 'NOT_FOUND' }),
    );
  });
});
