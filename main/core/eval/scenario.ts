import { readdirSync, readFileSync, statSync } from 'node:fs';
import { basename, join, relative } from 'node:path';
import { ScenarioSchema, type Scenario } from '../../../shared/contract';
import { UserError } from '../../../shared/errors';

export { ScenarioSchema, type Scenario };
export type ScenarioExpect = NonNullable<Scenario['turns'][number]['expect']>;

export interface LoadedScenario {
  file: string;
  /** The file as error messages name it: relative to the folder it was found in. */
  label: string;
  /** The name of the folder (or file) given on the command line: `dev`, `holdout`, `scenarios`. */
  split: string;
  scenario: Scenario;
}

/**
 * Loads scenario files, or every *.json under folders (sorted, recursive), from one path or several.
 * Bad input: CORRUPT naming the file and the field. Ids are unique across all the paths.
 */
export function loadScenarios(paths: string | readonly string[]): LoadedScenario[] {
  const loaded = (typeof paths === 'string' ? [paths] : paths).flatMap(loadPath);
  const seen = new Map<string, string>();
  for (const { file, scenario } of loaded) {
    const other = seen.get(scenario.id);
    if (other) throw new UserError('CORRUPT', `Scenario id ${scenario.id} appears in ${other} and ${file}.`);
    seen.set(scenario.id, file);
  }
  return loaded;
}

function loadPath(path: string): LoadedScenario[] {
  let stat;
  try {
    stat = statSync(path);
  } catch {
    throw new UserError('NOT_FOUND', `No scenario file or folder at ${path}.`);
  }
  const files = stat.isDirectory() ? jsonFiles(path) : [path];
  if (files.length === 0) throw new UserError('NOT_FOUND', `No *.json scenarios in ${path}.`);
  const split = basename(path).replace(/\.json$/, '');
  return files.map((file) => {
    const label = stat.isDirectory() ? join(basename(path), relative(path, file)) : file;
    return { file, label, split, scenario: parseScenarioFile(file, label) };
  });
}

function jsonFiles(dir: string): string[] {
  const out: string[] = [];
  for (const entry of readdirSync(dir, { withFileTypes: true }).sort((a, b) =>
    a.name.localeCompare(b.name),
  )) {
    const full = join(dir, entry.name);
    if (entry.isDirectory()) out.push(...jsonFiles(full));
    else if (entry.isFile() && entry.name.endsWith('.json')) out.push(full);
  }
  return out;
}

export function parseScenarioFile(file: string, label = file): Scenario {
  let raw: unknown;
  try {
    // Editors on Windows save UTF-8 with a byte-order mark; JSON.parse rejects it.
    raw = JSON.parse(readFileSync(file, 'utf8').replace(/^\uFEFF/, ''));
  } catch (err) {
    throw new UserError('CORRUPT', `${label}: not valid JSON (${(err as Error).message.split('\n')[0]}).`);
  }
  const parsed = ScenarioSchema.safeParse(raw);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    const where = issue?.path.length
      ? issue.path
          .map((p) => (typeof p === 'number' ? `[${p}]` : `.${String(p)}`))
          .join('')
          .replace(/^\./, '')
      : '(root)';
    throw new UserError('CORRUPT', `${label}: ${where}: ${issue?.message ?? 'invalid'}`);
  }
  return parsed.data;
}

/** Every regular expression of a scenario with the field that holds it (`turns[0].expect.replyMustMatch[1]`). */
export function scenarioRegexes(scenario: Scenario): Array<{ field: string; source: string }> {
  const out: Array<{ field: string; source: string }> = [];
  scenario.turns.forEach((turn, i) => {
    for (const key of ['replyMustMatch', 'replyMustNotMatch'] as const)
      (turn.expect?.[key] ?? []).forEach((source, j) =>
        out.push({ field: `turns[${i}].expect.${key}[${j}]`, source }),
      );
  });
  return out;
}
