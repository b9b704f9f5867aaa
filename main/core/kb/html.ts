/**
 * HTML to plain text with headings kept as Markdown `#` lines, so one section parser serves both.
 * A single forward scan with indexOf: no regex over markup (no backtracking on hostile input), no
 * DOM, scripts/styles/comments dropped whole, entities decoded. The output is text only: it is
 * indexed and shown as a citation, never rendered as HTML.
 */
const BLOCK = new Set([
  'p',
  'div',
  'br',
  'li',
  'ul',
  'ol',
  'tr',
  'table',
  'section',
  'article',
  'header',
  'footer',
  'blockquote',
  'pre',
  'dd',
  'dt',
  'dl',
  'hr',
  'main',
  'nav',
  'aside',
  'figure',
  'figcaption',
]);
const DROP_CONTENT = new Set(['script', 'style', 'noscript', 'template', 'svg', 'iframe', 'object']);
const NAMED: Record<string, string> = {
  amp: '&',
  lt: '<',
  gt: '>',
  quot: '"',
  apos: "'",
  nbsp: ' ',
  pound: '£',
  euro: '€',
  copy: '©',
  ndash: '–',
  mdash: '—',
  hellip: '…',
  rsquo: '’',
  lsquo: '‘',
  rdquo: '”',
  ldquo: '“',
};

export function decodeEntities(text: string): string {
  return text.replace(/&(#x[0-9a-f]{1,6}|#[0-9]{1,7}|[a-z]{2,8});/gi, (whole, body: string) => {
    if (body[0] === '#') {
      const code =
        body[1] === 'x' || body[1] === 'X' ? parseInt(body.slice(2), 16) : parseInt(body.slice(1), 10);
      return code > 0 && code <= 0x10ffff && !(code >= 0xd800 && code <= 0xdfff)
        ? String.fromCodePoint(code)
        : '';
    }
    return NAMED[body.toLowerCase()] ?? whole;
  });
}

export function htmlToText(html: string): { text: string; title: string | null } {
  const lower = html.toLowerCase();
  let out = '';
  let title: string | null = null;
  let i = 0;
  while (i < html.length) {
    const lt = html.indexOf('<', i);
    if (lt === -1) {
      out += html.slice(i);
      break;
    }
    out += html.slice(i, lt);
    if (lower.startsWith('<!--', lt)) {
      const end = html.indexOf('-->', lt + 4);
      i = end === -1 ? html.length : end + 3;
      continue;
    }
    const gt = html.indexOf('>', lt + 1);
    if (gt === -1) {
      // No '>' anywhere after this point: the rest is text (and scanning again per '<' would be quadratic).
      out += html.slice(lt);
      break;
    }
    let n = lt + 1;
    while (n < gt && lower[n] === ' ') n += 1;
    const closing = lower[n] === '/';
    if (closing) n += 1;
    const nameStart = n;
    while (n < gt && /[a-z0-9]/.test(lower[n] as string)) n += 1;
    const name = lower.slice(nameStart, n);
    i = gt + 1;
    if (!closing && (DROP_CONTENT.has(name) || name === 'title')) {
      const endTag = lower.indexOf(`</${name}`, i);
      const stop = endTag === -1 ? html.length : endTag;
      if (name === 'title' && title === null) title = collapse(decodeEntities(html.slice(i, stop)));
      const endGt = endTag === -1 ? -1 : html.indexOf('>', endTag);
      i = endGt === -1 ? html.length : endGt + 1;
      continue;
    }
    const heading = /^h([1-6])$/.exec(name);
    if (heading) {
      out += closing ? '\n\n' : `\n\n${'#'.repeat(Number(heading[1]))} `;
    } else if (name === 'li' && !closing) {
      out += '\n- ';
    } else if (BLOCK.has(name)) {
      out += name === 'br' ? '\n' : '\n\n';
    } else if (name === 'td' || name === 'th') {
      out += ' ';
    }
  }
  const text = decodeEntities(out)
    .split('\n')
    .map((line) => collapse(line))
    .join('\n')
    .replace(/\n{3,}/g, '\n\n')
    .trim();
  return { text, title };
}

function collapse(s: string): string {
  return s.replace(/[ \t\r\f\v\u00a0]{1,}/g, ' ').trim();
}
