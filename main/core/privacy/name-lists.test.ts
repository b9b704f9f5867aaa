/**
 * Names read from a coordination with a name already found ("Grace, Harold and Joy") and from the heads
 * of a note's dash entries ("Rose — slept well. Arthur — declined."), with the lists and headings that
 * must stay unnamed.
 */
import { describe, expect, it } from 'vitest';
import { detectPii } from './index';

function persons(text: string): string[] {
  return detectPii(text)
    .filter((s) => s.type === 'PERSON')
    .map((s) => text.slice(s.start, s.end));
}

describe('names joined to a found name', () => {
  it('reads an everyday given name coordinated with a found one', () => {
    expect(persons('Helped into the garden by Hope and Gerald after lunch.')).toEqual(['Hope', 'Gerald']);
    expect(persons('Quiz night: Gerald, Doreen and Joy were all there.')).toEqual([
      'Gerald',
      'Doreen',
      'Joy',
    ]);
  });

  it('leaves words that are no given name, and a coordination without a found name', () => {
    expect(persons('Gerald and Partners sent the letter.')).not.toContain('Partners');
    expect(persons('We offer Hope and Joy as themes for the service.')).toEqual([]);
  });
});

describe('the heads of dash entries', () => {
  it('reads every head once one is a name', () => {
    expect(persons('Night round: Rose — slept well. Gerald — declined tea. Bernie — asleep.')).toEqual([
      'Rose',
      'Gerald',
      'Bernie',
    ]);
  });

  it('leaves headings with no name among them, and a single head', () => {
    expect(persons('Summary – all done. Actions – none. Next steps – review in May.')).toEqual([]);
    expect(persons('Update – the branch closes early on Friday.')).toEqual([]);
  });
});
