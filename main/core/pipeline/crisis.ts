/**
 * Crisis signposting belongs on self-harm replies only (docs/SAFETY.md, "Crisis signposting"). The
 * resources are whatever the pack's self_harm template names that no other template does: helpline
 * numbers and names (UK 116 123 and Samaritans, SHOUT 85258, US 988), so emergency numbers a pack
 * uses elsewhere (the clinic's 999 for chest pain) stay legitimate in other replies.
 */
import type { PolicyPack } from '../policy';

const NUMBER = /\b\d{2,3}(?: \d{3}){1,2}\b|\b\d{3,6}\b/g;
const NAMES = /\b(?:Samaritans|SHOUT|Suicide and Crisis Lifeline|crisis line|Lifeline)\b/gi;

/**
 * One regex for the pack's crisis resources, or null when its self_harm template names none. Built once
 * per pack version by the agent cache (agent-cache.ts), which hands it to the stages.
 */
export function crisisResources(pack: PolicyPack): RegExp | null {
  const crisis = pack.templates.self_harm;
  const others = Object.entries(pack.templates)
    .filter(([id]) => id !== 'self_harm')
    .map(([, text]) => text)
    .join(' ');
  const markers = new Set<string>();
  for (const m of crisis.match(NUMBER) ?? []) if (!others.includes(m)) markers.add(m);
  for (const m of crisis.match(NAMES) ?? [])
    if (!others.toLowerCase().includes(m.toLowerCase())) markers.add(m);
  const escaped = [...markers].map((m) => m.replace(/[.*+?^${}()|[\]\\]/g, '\\$&').replace(/ /g, ' ?'));
  // A bare number must stand alone: "988" is a helpline, "£988" or "1988" is not.
  return escaped.length > 0 ? new RegExp(`(?<![£$€\\d.,])(?:${escaped.join('|')})(?![\\d])`, 'i') : null;
}

/**
 * Drops the sentences of a non-crisis reply that signpost crisis resources (`re`, from crisisResources);
 * null when none did.
 */
export function withoutCrisisWording(re: RegExp | null, text: string): string | null {
  if (!re || !re.test(text)) return null;
  return text
    .split(/(?<=[.!?])\s+/)
    .filter((sentence) => !re.test(sentence))
    .join(' ')
    .trim();
}
