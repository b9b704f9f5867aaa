/** Feature flags shared by main and renderer. Defaults are the safe choice. */
export const FLAG_NAMES = ['autoEscalation', 'shadowRuns', 'rehydrateForStaff'] as const;
export type FlagName = (typeof FLAG_NAMES)[number];
export type Flags = Record<FlagName, boolean>;
/**
 * - autoEscalation: a turn that meets an escalation rule opens the escalation itself. Off, it carries a
 *   suggestion that staff escalate with one click; safety-critical rules (self-harm, and the pack's rules
 *   marked `always`) still escalate at once. See docs/PIPELINE.md.
 * - shadowRuns: each live turn is replayed through the staged candidate policy pack, off the critical path.
 * - rehydrateForStaff: staff views may show pseudonymized values in clear.
 */
export const DEFAULT_FLAGS: Flags = { autoEscalation: true, shadowRuns: false, rehydrateForStaff: false };

/** The CONFIDANT_FLAGS environment variable: flags to override, for headless runs. */
export const FLAGS_ENV = 'CONFIDANT_FLAGS';

/**
 * Parses `name=on|off|true|false|1|0` pairs separated by commas ("autoEscalation=off,shadowRuns=on").
 * An unknown name or value is an error naming it, never silently ignored.
 */
export function parseFlags(text: string | undefined): Partial<Flags> {
  const out: Partial<Flags> = {};
  if (!text || text.trim() === '') return out;
  for (const part of text.split(',')) {
    const [rawName, rawValue, ...rest] = part.split('=').map((s) => s.trim());
    const name = FLAG_NAMES.find((f) => f === rawName);
    if (!name || rest.length > 0)
      throw new Error(`Unknown flag "${rawName ?? ''}" (known: ${FLAG_NAMES.join(', ')}).`);
    const value = rawValue?.toLowerCase();
    if (value === 'on' || value === 'true' || value === '1') out[name] = true;
    else if (value === 'off' || value === 'false' || value === '0') out[name] = false;
    else throw new Error(`Flag ${name} needs =on or =off.`);
  }
  return out;
}
