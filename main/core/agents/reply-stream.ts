/**
 * Reads the `reply` string out of the model's JSON while it is still being generated, so the desk can
 * show a draft growing token by token. The grammar fixes the object's shape but not its key order, and a
 * chunk can end anywhere (inside a key, an escape or a \u sequence), so this is a small state machine over
 * characters, not a regular expression over the text so far. It only ever reports the reply decoded so
 * far; the final draft is still the parsed, validated object.
 */
export function createReplyStream(onReply: (replySoFar: string) => void) {
  let depth = 0;
  let inString = false;
  let escape = false;
  let unicode: string | null = null;
  /** The string being read, and whether it is a key (at depth 1, before a colon) or a value. */
  let current = '';
  let readingKey = false;
  let lastKey: string | null = null;
  let expectingValue = false;
  let inReply = false;
  let reply = '';
  let done = false;

  const append = (ch: string) => {
    if (inReply) {
      reply += ch;
      return;
    }
    current += ch;
  };

  function feed(chunk: string): void {
    if (done) return;
    let grew = false;
    for (const ch of chunk) {
      if (inString) {
        if (unicode !== null) {
          unicode += ch;
          if (unicode.length === 4) {
            const code = Number.parseInt(unicode, 16);
            unicode = null;
            if (!Number.isNaN(code)) append(String.fromCharCode(code));
            grew ||= inReply;
          }
          continue;
        }
        if (escape) {
          escape = false;
          if (ch === 'u') unicode = '';
          else append(ESCAPES[ch] ?? ch);
          grew ||= inReply;
          continue;
        }
        if (ch === '\\') {
          escape = true;
          continue;
        }
        if (ch === '"') {
          inString = false;
          if (inReply) {
            inReply = false;
            done = true;
            break;
          }
          if (readingKey) lastKey = current;
          readingKey = false;
          continue;
        }
        append(ch);
        grew ||= inReply;
        continue;
      }
      if (ch === '{' || ch === '[') depth += 1;
      else if (ch === '}' || ch === ']') depth -= 1;
      else if (ch === ':' && depth === 1) expectingValue = true;
      else if (ch === ',' && depth === 1) expectingValue = false;
      else if (ch === '"') {
        inString = true;
        current = '';
        if (depth === 1 && !expectingValue) readingKey = true;
        else if (depth === 1 && expectingValue && lastKey === 'reply') inReply = true;
        if (depth === 1 && expectingValue) expectingValue = false;
      }
    }
    if (grew) onReply(reply);
  }

  return { feed, text: () => reply };
}

const ESCAPES: Record<string, string> = { n: '\n', t: '\t', r: '\r', b: '\b', f: '\f' };
