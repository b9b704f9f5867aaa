import { createHash } from 'node:crypto';

export const KB_FORMATS = ['markdown', 'text', 'html'] as const;
export type KbFormat = (typeof KB_FORMATS)[number];

export interface ChunkDraft {
  ord: number;
  headingPath: string[];
  text: string;
  /** Offsets into the normalised document text (the source itself for Markdown and text). */
  start: number;
  end: number;
  contentHash: string;
}

/** Chunks aim for a paragraph or a few: small enough to cite, big enough to hold a fact with context. */
export const MAX_CHUNK_CHARS = 900;

const HEADING = /^(#{1,6})[ \t]{1,10}(\S.{0,300})$/;

export function sha256(text: string): string {
  return createHash('sha256').update(text).digest('hex');
}

/** The first `# ` heading, for a Markdown title. */
export function markdownTitle(text: string): string | null {
  for (const line of text.split('\n', 200)) {
    const m = /^#[ \t]{1,10}(\S.{0,300})$/.exec(line.trimEnd());
    if (m) return (m[1] as string).trim();
  }
  return null;
}

interface Block {
  headingPath: string[];
  start: number;
  end: number;
}

/** Splits normalised text into paragraph blocks under their heading path, with exact offsets. */
function blocks(text: string, headings: boolean): Block[] {
  const out: Block[] = [];
  const path: string[] = [];
  let pos = 0;
  let paraStart = -1;
  let paraEnd = -1;
  const flush = () => {
    if (paraStart >= 0) out.push({ headingPath: [...path], start: paraStart, end: paraEnd });
    paraStart = -1;
  };
  for (const line of text.split('\n')) {
    const lineStart = pos;
    pos += line.length + 1;
    const trimmed = line.trimEnd();
    const h = headings ? HEADING.exec(trimmed) : null;
    if (h) {
      flush();
      const level = (h[1] as string).length;
      path.length = Math.min(path.length, level - 1);
      while (path.length < level - 1) path.push('');
      path.push((h[2] as string).trim());
      continue;
    }
    if (trimmed.trim() === '') {
      flush();
      continue;
    }
    const lead = line.length - line.trimStart().length;
    if (paraStart < 0) paraStart = lineStart + lead;
    paraEnd = lineStart + trimmed.length;
  }
  flush();
  return out.map((b) => ({ ...b, headingPath: b.headingPath.filter((p) => p !== '') }));
}

/** Sentence-ish cut points inside an over-long paragraph, so no chunk exceeds MAX_CHUNK_CHARS. */
function splitLong(text: string, start: number, end: number): Array<[number, number]> {
  const parts: Array<[number, number]> = [];
  let s = start;
  while (end - s > MAX_CHUNK_CHARS) {
    const window = text.slice(s, s + MAX_CHUNK_CHARS);
    let cut = Math.max(window.lastIndexOf('. '), window.lastIndexOf('\n'));
    if (cut < MAX_CHUNK_CHARS / 3) cut = window.lastIndexOf(' ');
    if (cut < MAX_CHUNK_CHARS / 3) cut = MAX_CHUNK_CHARS - 1;
    parts.push([s, s + cut + 1]);
    s += cut + 1;
    while (s < end && /\s/.test(text[s] as string)) s += 1;
  }
  if (end > s) parts.push([s, end]);
  return parts;
}

/** Chunks normalised text: paragraphs merged under one heading path up to MAX_CHUNK_CHARS. */
export function chunkText(text: string, format: KbFormat): ChunkDraft[] {
  const pieces: Block[] = [];
  for (const b of blocks(text, format !== 'text')) {
    for (const [s, e] of splitLong(text, b.start, b.end))
      pieces.push({ headingPath: b.headingPath, start: s, end: e });
  }
  const merged: Block[] = [];
  for (const p of pieces) {
    const last = merged[merged.length - 1];
    if (
      last &&
      last.headingPath.join('\u0000') === p.headingPath.join('\u0000') &&
      p.end - last.start <= MAX_CHUNK_CHARS
    ) {
      last.end = p.end;
    } else {
      merged.push({ ...p });
    }
  }
  return merged.map((b, ord) => {
    const body = text.slice(b.start, b.end);
    return {
      ord,
      headingPath: b.headingPath,
      text: body,
      start: b.start,
      end: b.end,
      contentHash: sha256(`${JSON.stringify(b.headingPath)}\u0000${body}`),
    };
  });
}

/** Normalises line endings and strips a BOM; offsets refer to this normalised text. */
export function normalise(raw: string): string {
  return raw.replace(/^\uFEFF/, '').replace(/\r\n?/g, '\n');
}
