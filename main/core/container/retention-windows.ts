import { memoryWindowsFromPolicy, type RetentionWindows } from '../memory';
import { builtinPack, DOMAINS, type PolicyPack } from '../policy';

/**
 * One desk can serve several domains, but data is stored once, so storage limitation (GDPR Art. 5(1)(e))
 * takes the shortest window any shipped pack asks for, per data class.
 */
export function strictestRetention(packs: readonly PolicyPack[] = DOMAINS.map((d) => builtinPack(d))): {
  pack: PolicyPack['retention'];
  memory: RetentionWindows;
} {
  const [first, ...rest] = packs;
  if (!first) throw new Error('no policy packs');
  const pack = { ...first.retention };
  for (const p of rest) {
    for (const key of Object.keys(pack) as Array<keyof typeof pack>)
      pack[key] = Math.min(pack[key], p.retention[key]);
  }
  return { pack, memory: memoryWindowsFromPolicy(pack) };
}
