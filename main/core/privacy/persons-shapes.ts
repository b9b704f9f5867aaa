/**
 * Shapes around a lone capitalised word that make it a person whatever the gazetteer knows of it (an
 * unknown name such as "Venkat", an everyday word such as "Will"): the words on both sides say a
 * person stands there, so neither side alone has to.
 *  - a call back: "Please ring Will back", "can you call Venkat back about it": ring, call and phone
 *    take a person, and "back" closes them;
 *  - a staff role in brackets right after: "Note from Daisy (day staff)", "Tomasz (night nurse)
 *    covered": a relative in brackets is persons.ts's; these are the roles of a rota or a handover;
 *  - the other side of a call or meeting, for a given name that is also an everyday word: "my call
 *    with Jade yesterday", "meeting with Rob on Friday" ("call with Barclays" is no given name).
 * Char codes first: most words fail on the character after them.
 */
import { isWordChar } from './persons-context';

const CALL_VERB = /(?:^|[^A-Za-z])(?:ring|call|phone|rang|called|phoned|ringing|calling|phoning) $/i;

/** "ring Will back": [start, end) between a verb of calling and "back". */
export function callBack(u: Uint16Array, n: number, text: string, start: number, end: number): boolean {
  if (end + 5 > n || u[end] !== 32 || (u[end + 1]! | 32) !== 98 || (u[end + 4]! | 32) !== 107) return false;
  if ((u[end + 2]! | 32) !== 97 || (u[end + 3]! | 32) !== 99) return false;
  if (end + 5 < n && isWordChar(u[end + 5]!)) return false;
  return start >= 5 && u[start - 1] === 32 && CALL_VERB.test(text.slice(Math.max(0, start - 9), start));
}

// The roles a rota, a handover or a shift note puts after a first name, with up to two qualifiers.
const ROLE_IN_BRACKETS = new RegExp(
  String.raw`\((?:(?:day|night|duty|senior|junior|agency|bank|ward|staff|team|branch|deputy|care|support|key|relief|locum|trainee|shift|late|early|practice|district|community) ){0,2}` +
    String.raw`(?:staff|nurse|manager|carer|lead|leader|supervisor|assistant|hca|worker|keyworker|receptionist|cashier|teller|adviser|advisor|pharmacist|consultant|physio|volunteer|matron|officer|clerk|coordinator|co-ordinator|sister|administrator|admin|cover)s?\)`,
  'iy',
);

/** "Daisy (day staff)": a staff role in brackets right after [start, end). */
export function roleInBrackets(u: Uint16Array, n: number, text: string, end: number): boolean {
  if (end + 6 > n || u[end] !== 32 || u[end + 1] !== 40) return false;
  ROLE_IN_BRACKETS.lastIndex = end + 1;
  return ROLE_IN_BRACKETS.test(text);
}

const CONTACT_WITH =
  /(?:^|[^A-Za-z])(?:call|chat|meeting|conversation|catch-up|catch up|appointment|session|handover|1:1|one-to-one) with $/i;

/** "my call with Jade": [start, end) after a call's or a meeting's "with". */
export function contactWith(u: Uint16Array, text: string, start: number): boolean {
  // " with " ends right before the name.
  if (start < 10 || u[start - 1] !== 32 || (u[start - 2]! | 32) !== 104 || (u[start - 5]! | 32) !== 119)
    return false;
  return CONTACT_WITH.test(text.slice(Math.max(0, start - 22), start));
}
