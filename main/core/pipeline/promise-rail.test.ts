import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pino from 'pino';
import { afterEach, describe, expect, it } from 'vitest';
import { ScriptedLlm } from '../../test-support';
import { openLedger } from '../audit';
import { createLexiconScorer } from '../models';
import { builtinPack } from '../policy';
import { openStore } from '../store';
import { auditEntries, createHarness, type Harness } from '../../test-support/pipeline-harness';
import { escalationService } from '../escalations';
import { conversationRepo } from './conversations';
import { createPipeline } from './pipeline';
import { realPrivacy } from './service';

const cleanup: Array<() => void> = [];
afterEach(() => {
  for (const done of cleanup.splice(0)) done();
});
async function harness(): Promise<Harness> {
  const h = await createHarness();
  cleanup.push(() => h.close());
  return h;
}

const PROMISE = 'A colleague will be with you shortly to sort this out.';
const promiseEntries = (store: Harness['store'], turnId: string) =>
  auditEntries(store, turnId).filter((e) => e.payload.phase === 'promise');

describe('promise-keeping rail', () => {
  it('a promise with nothing queued is cut, the handoff offer takes its place, and both steps are audited', async () => {
    const h = await harness();
    const r = await h.service.runTurn({
      conversationId: 'p1',
      domain: 'bank',
      text: 'What time do you open on Saturday?',
      llm: new ScriptedLlm({ reply: `Thanks for your question. ${PROMISE}` }),
    });
    expect(r.escalated).toBe(false);
    expect(r.delivered).toBe(true);
    expect(r.reply).toMatch(/^Thanks for your question\. /);
    expect(r.reply).not.toMatch(/colleague will be with you/i);
    expect(r.reply).toMatch(/Would you like me to pass this to a member of our team/);
    expect(r.outcome).toBe('rewritten');
    expect(promiseEntries(h.store, r.turnId).map((e) => e.payload.action)).toEqual(['rewritten']);
    expect(auditEntries(h.store, r.turnId).find((e) => e.payload.cause === 'unbacked_promise')).toBeDefined();
    const output = auditEntries(h.store, r.turnId).find((e) => e.payload.phase === 'output');
    expect(output?.payload.promises).toEqual(['person_coming']);
  });

  it('a promise on a conversation already queued is backed and delivered as drafted', async () => {
    const h = await harness();
    const llm = new ScriptedLlm({ reply: 'I understand.' });
    await h.service.runTurn({
      conversationId: 'p2',
      domain: 'bank',
      text: 'Could I talk to a real person please?',
      llm,
    });
    const r = await h.service.runTurn({
      conversationId: 'p2',
      text: 'Thanks, I will wait here.',
      llm: new ScriptedLlm({ reply: PROMISE }),
    });
    expect(r.reply).toContain(PROMISE);
    expect(promiseEntries(h.store, r.turnId).map((e) => e.payload.action)).toEqual(['backed']);
  });

  it('a promise answering a customer who spoke of reaching a person escalates as customer_request', async () => {
    const h = await harness();
    const r = await h.service.runTurn({
      conversationId: 'p4',
      domain: 'bank',
      text: 'Could your manager ring me about the overdraft fee?',
      llm: new ScriptedLlm({ reply: 'Of course, our manager will call you back this afternoon.' }),
    });
    // Whether the cue detectors or the rail catch it, the promise never goes out unbacked.
    expect(r.escalated).toBe(true);
    expect(r.reasons).toContain('customer_request');
    expect(h.escalations.activeFor('p4')?.id).toBe(r.escalationId);
  });

  it("the escalation template's own promise is backed by the escalation it comes with", async () => {
    const h = await harness();
    const r = await h.service.runTurn({
      conversationId: 'p3',
      domain: 'bank',
      text: 'I want to speak to a real person now',
      llm: new ScriptedLlm({ reply: 'I understand.' }),
    });
    expect(r.escalated).toBe(true);
    expect(r.reply).toMatch(/passed your conversation to a member of our team/);
    expect(promiseEntries(h.store, r.turnId)).toEqual([]);
  });
});

/** A pack whose decision node always delivers: a held guard with an escalation rule reaches `deliver`. */
function deliverAlways(flags: { autoEscalation: boolean }) {
  const dir = mkdtempSync(join(tmpdir(), 'confidant-'));
  const store = openStore({ dataDir: dir, passphrase: 'promise-pass', create: true });
  const audit = openLedger(store);
  cleanup.push(() => {
    audit.close();
    store.close();
    rmSync(dir, { recursive: true, force: true });
  });
  const pack = builtinPack('bank');
  const decide = pack.graph.nodes.find((n) => n.id === 'decide');
  if (decide) decide.next = [{ to: 'deliver', when: 'always' }];
  // The shipped packs also hand safety cues to a person straight from the input rails; not this one.
  const input = pack.graph.nodes.find((n) => n.id === 'input_rails');
  if (input) input.next = input.next.filter((edge) => edge.to !== 'handoff');
  const escalations = escalationService({ store, audit, conversations: conversationRepo(store) });
  const pipeline = createPipeline({
    store,
    audit,
    escalations,
    log: pino({ level: 'silent' }),
    kb: null,
    privacy: realPrivacy,
    models: { llm: () => null, sentiment: createLexiconScorer },
    policies: { active: () => ({ pack, hash: 'deliver-always' }), byHash: () => pack },
    flags,
  });
  return { pipeline, store, escalations };
}

describe('promise-keeping rail under a pack that delivers', () => {
  const text = 'Could I talk to a real person please?';

  it('escalates when the pack has a reason and the flags allow it, keeping the promise', async () => {
    const { pipeline, store, escalations } = deliverAlways({ autoEscalation: true });
    const r = await pipeline.runTurn({
      conversationId: 'd1',
      domain: 'bank',
      text,
      llm: new ScriptedLlm({ reply: PROMISE }),
    });
    expect(r.escalated).toBe(true);
    expect(r.outcome).toBe('escalated');
    expect(r.reasons).toContain('customer_request');
    expect(r.reply).toContain(PROMISE);
    expect(escalations.activeFor('d1')?.id).toBe(r.escalationId);
    const entry = auditEntries(store, r.turnId).find((e) => e.payload.phase === 'promise');
    expect(entry?.payload).toMatchObject({ action: 'escalated', escalationId: r.escalationId });
  });

  it('with autoEscalation off the promise is cut instead (customer_request is not safety-critical)', async () => {
    const { pipeline } = deliverAlways({ autoEscalation: false });
    const r = await pipeline.runTurn({
      conversationId: 'd2',
      domain: 'bank',
      text,
      llm: new ScriptedLlm({ reply: PROMISE }),
    });
    expect(r.escalated).toBe(false);
    expect(r.reply).not.toContain(PROMISE);
    expect(r.reply).toMatch(/Would you like me to pass this/);
  });
});
