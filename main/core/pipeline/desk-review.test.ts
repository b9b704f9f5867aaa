import { describe, expect, it } from 'vitest';
import { builtinPack } from '../policy';
import type { Store } from '../store';
import type { ConversationRow } from './conversations';
import { checkEdited, citationsOf } from './desk-review';

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

describe('citationsOf: the passages a draft cited, for the chips', () => {
  const conv = { id: 'c1', subject_id: 's1' } as ConversationRow;
  const storeWith = (open: () => string | null) => ({ cipher: { open } }) as unknown as Store;
  const passage = (docId: string, chunkId: string) => ({
    docId,
    chunkId,
    title: `T ${docId}`,
    text: `text ${chunkId}`,
  });

  it('keeps the cited documents once each, in retrieval order', () => {
    const state = {
      passages: [passage('d2', 'a'), passage('d1', 'b'), passage('d2', 'c'), passage('d3', 'd')],
      draft: { citedDocIds: ['d1', 'd2'] },
    };
    const got = citationsOf(
      storeWith(() => JSON.stringify(state)),
      conv,
      't1',
      { state_sealed: 'x' },
    );
    expect(got.map((p) => `${p.docId}/${p.chunkId}`)).toEqual(['d2/a', 'd1/b']);
  });

  it('gives no chips when there is no draft, no checkpoint, or the subject is erased', () => {
    const noDraft = JSON.stringify({ passages: [passage('d1', 'a')], draft: null });
    expect(
      citationsOf(
        storeWith(() => noDraft),
        conv,
        't1',
        { state_sealed: 'x' },
      ),
    ).toEqual([]);
    expect(
      citationsOf(
        storeWith(() => noDraft),
        conv,
        't1',
        undefined,
      ),
    ).toEqual([]);
    expect(
      citationsOf(
        storeWith(() => null),
        conv,
        't1',
        { state_sealed: 'x' },
      ),
    ).toEqual([]);
    const throwing = storeWith(() => {
      throw new Error('key shredded');
    });
    expect(citationsOf(throwing, conv, 't1', { state_sealed: 'x' })).toEqual([]);
  });
});
