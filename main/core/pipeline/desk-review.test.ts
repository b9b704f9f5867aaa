import { describe, expect, it } from 'vitest';
import { builtinPack } from '../policy';
import { checkEdited } from './desk-review';

describe('checkEdited: the output rails on staff edits', () => {
  const pack = builtinPack('bank');
  const base = { draft: 'Our branch opens at 9am.', customerText: 'When do you open?', firstReply: false };

  it('passes a plain, polite edit and flags a rude one', () => {
    expect(checkEdited(pack, { ...base, text: 'Our branch opens at 9am. Thank you for asking.' })).toEqual(
      [],
    );
    expect(
      checkEdited(pack, { ...base, text: 'Calm down, we open at 9am.' }).some((f) => f.startsWith('tone:')),
    ).toBe(true);
  });

  it('flags a first reply whose edit drops the required AI notice', () => {
    const flags = checkEdited(pack, {
      ...base,
      firstReply: true,
      text: 'Thank you. I am asking a colleague to join us now.',
    });
    expect(flags).toContain('missing_disclosure:ai_disclosure');
  });

  it('treats what the draft already said as public, but flags personal details the edit adds', () => {
    const draft = 'Call us on 0345 600 6000 for help.';
    expect(checkEdited(pack, { ...base, draft, text: `Thanks. ${draft}` })).toEqual([]);
    const flags = checkEdited(pack, { ...base, draft, text: `${draft} Or email sam.jones@example.com.` });
    expect(flags.some((f) => f.startsWith('pii_echo:'))).toBe(true);
  });
});
