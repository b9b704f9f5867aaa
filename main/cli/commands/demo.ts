import { randomBytes } from 'node:crypto';
import { join } from 'node:path';
import type { LlmAdapterLike } from '../../core/agents';
import { ScriptedLlm } from '../../core/eval';
import { projectRoot } from '../../core/config';
import type { PolicyDomain } from '../../core/policy';
import { ROLES } from '../../core/users';
import { AS_OPTION, USER_PASSWORD_ENV } from '../admin';
import { DATA_DIR_OPTION, JSON_OPTION, type Command } from '../command';
import { EXIT } from '../exit-codes';
import { openPipeline } from './turn';

interface DemoTurn {
  text: string;
  /** Used only when no LLM is installed: a grounded draft, labelled "scripted" in the audit trail. */
  draft: string;
}

/** Demo conversations: everyday questions, a blocked draft, and several that must reach a person. */
const CONVERSATIONS: Array<{ id: string; domain: PolicyDomain; turns: DemoTurn[] }> = [
  {
    id: 'demo-bank-card-fee',
    domain: 'bank',
    turns: [
      {
        text: 'Hi, how much does a replacement debit card cost?',
        draft: 'A replacement debit card is free of charge.',
      },
      {
        text: 'Thanks. How long will it take to arrive?',
        draft: 'A replacement debit card arrives by post within 5 working days.',
      },
    ],
  },
  {
    id: 'demo-bank-fraud',
    domain: 'bank',
    turns: [
      {
        text: "Someone has taken money from my account, I didn't make these payments!!! I want to speak to a person NOW",
        draft: 'I can see why you are worried.',
      },
    ],
  },
  {
    id: 'demo-bank-crypto',
    domain: 'bank',
    turns: [
      {
        text: 'Should I move my savings into bitcoin?',
        draft: 'You should buy bitcoin now, it is a great investment.',
      },
    ],
  },
  {
    id: 'demo-clinic-prescription',
    domain: 'clinic',
    turns: [
      {
        text: 'How long does a repeat prescription take?',
        draft: 'Allow 2 full working days for your prescription to be processed.',
      },
    ],
  },
  {
    id: 'demo-clinic-carer',
    domain: 'clinic',
    turns: [
      {
        text: "My mum has dementia and I'm her carer. I'm struggling to cope with all the appointments.",
        draft: 'I am sorry to hear that.',
      },
    ],
  },
];

const DEMO_USERS: Record<(typeof ROLES)[number], string> = {
  admin: 'demo-admin',
  agent: 'demo-agent',
  supervisor: 'demo-supervisor',
  compliance: 'demo-compliance',
};

export const demoCommand: Command = {
  name: 'demo',
  summary: 'Seed a realistic demo (KB, users of every role, conversations) through the real pipeline.',
  usage:
    'demo --data-dir DIR [--as ADMIN] [--json]   (--as once the store has accounts; demo users get CONFIDANT_NEW_PASSWORD or CONFIDANT_USER_PASSWORD, else a generated one shown on stderr)',
  options: { ...DATA_DIR_OPTION, ...JSON_OPTION, ...AS_OPTION },
  async run(ctx) {
    const handle = await openPipeline(ctx, {
      create: true,
      roles: ['admin'],
      action: 'seed the demo',
      bootstrap: true,
    });
    try {
      const { core, pipeline, actor } = handle;
      const kb: Record<string, number> = {};
      for (const domain of ['bank', 'clinic'] as const) {
        const r = await pipeline.kb.ingestDir(join(projectRoot(), 'kb', domain), { domain });
        kb[domain] = pipeline.kb.chunkCount(domain);
        ctx.info(`kb ${domain}: ${r.ingested.length} documents, ${kb[domain]} chunks`);
      }
      // Demo staff share one password so a trial can sign in as each role; a real desk adds its own.
      const given = ctx.io.env.CONFIDANT_NEW_PASSWORD || ctx.io.env[USER_PASSWORD_ENV];
      const demoPassword = given || `demo-${randomBytes(9).toString('base64url')}`;
      const system = { kind: 'system' as const, id: 'demo', role: 'system' };
      const users: Record<string, string> = {};
      for (const role of ROLES) {
        const name = DEMO_USERS[role];
        const user =
          core.users.findByName(name) ??
          (await core.accounts.add({ name, role, password: demoPassword }, actor ?? system));
        users[role] = user.id;
      }
      const staffNames = Object.values(DEMO_USERS).join(', ');
      if (!given)
        ctx.info(`demo: DEMO ONLY: the demo users (${staffNames}) have the password ${demoPassword}`);
      else if (!ctx.io.env.CONFIDANT_NEW_PASSWORD)
        ctx.info(`demo: the demo users (${staffNames}) share the password of ${USER_PASSWORD_ENV}.`);
      const conversations: Array<{ id: string; turns: number; escalated: boolean; reasons: string[] }> = [];
      let drafts = 'model';
      for (const conv of CONVERSATIONS) {
        let last = { escalated: false, reasons: [] as string[] };
        for (const [i, turn] of conv.turns.entries()) {
          const llm: LlmAdapterLike | undefined = pipeline.hasLlm()
            ? undefined
            : new ScriptedLlm({ reply: turn.draft });
          if (llm) drafts = 'scripted (no LLM installed)';
          const r = await pipeline.runTurn({
            conversationId: conv.id,
            domain: conv.domain,
            text: turn.text,
            idempotencyKey: `demo-${i}`,
            // Typed at the demo agent's desk, so that agent sees these conversations as their own.
            staffId: users.agent as string,
            ...(llm ? { llm } : {}),
          });
          last = { escalated: r.escalated, reasons: r.reasons };
        }
        conversations.push({ id: conv.id, turns: conv.turns.length, ...last });
      }
      const report = { dataDir: core.config.dataDir, kb, users, drafts, conversations };
      if (ctx.values.json) ctx.printJson(report);
      else {
        ctx.print(`Demo ready in ${core.config.dataDir} (drafts: ${drafts}).`);
        for (const c of conversations)
          ctx.print(
            `  ${c.id}: ${c.turns} turn(s)${c.escalated ? `, escalated (${c.reasons.join(', ')})` : ''}`,
          );
        ctx.print(`  users: ${Object.values(DEMO_USERS).join(', ')}`);
      }
      return EXIT.OK;
    } finally {
      await handle.close();
    }
  },
};
