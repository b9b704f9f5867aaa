/** Feature flags shared by main and renderer. Defaults are the safe choice. */
export const FLAG_NAMES = ['autoEscalation', 'shadowRuns', 'rehydrateForStaff'] as const;
export type FlagName = (typeof FLAG_NAMES)[number];
export type Flags = Record<FlagName, boolean>;
export const DEFAULT_FLAGS: Flags = { autoEscalation: true, shadowRuns: false, rehydrateForStaff: false };
