import { describe, expect, it } from 'vitest';
import { bufferForTests, codeUnits, wipeCodeUnits } from './code-units';
import { detectPii } from './detect';

const CANARY = 'Philomena Canary-Testcase, card 4111 1111 1111 1111, philomena@canary.test';

/** Everything the shared buffer holds right now, read without writing a new text into it. */
function bufferText(): string {
  const u = bufferForTests();
  return Buffer.from(u.buffer, u.byteOffset, u.byteLength).toString('utf16le');
}

describe('shared code-unit buffer', () => {
  it('holds the text and two 0 sentinels, and is reused for the same text', () => {
    const text = 'abc';
    const u = codeUnits(text);
    expect([...u.subarray(0, 5)]).toEqual([97, 98, 99, 0, 0]);
    expect(codeUnits(text)).toBe(u);
    // A shorter text leaves nothing of the longer one behind its sentinels.
    codeUnits('a longer text than before');
    const v = codeUnits('xy');
    expect(String.fromCharCode(...v.subarray(0, 30)).replace(/\0/g, '')).toBe('xy');
  });

  it('grows for long texts', () => {
    const long = 'z'.repeat(10_000);
    const u = codeUnits(long);
    expect(u.length).toBeGreaterThanOrEqual(10_002);
    expect(u[9_999]).toBe(122);
    expect(u[10_000]).toBe(0);
  });

  it('keeps no customer text once a detection returns', () => {
    codeUnits(CANARY);
    expect(bufferText()).toContain('Canary-Testcase'); // the check below can fail
    wipeCodeUnits();
    expect(bufferText()).not.toContain('Canary');

    expect(detectPii(CANARY).length).toBeGreaterThan(0);
    const left = bufferText();
    expect(left).not.toContain('Canary');
    expect(left).not.toContain('4111');
    expect(left).not.toContain('philomena');
  });
});
