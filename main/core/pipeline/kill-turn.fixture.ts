/**
 * Child process for durability.test.ts: runs one turn on a real store in `dir` and SIGKILLs itself right
 * after the checkpoint of node `killAt` has committed (a synchronous=NORMAL commit), so the parent can
 * check that the checkpoint survived a process kill and that the retry resumes without repeating work.
 */
import { ScriptedLlm } from '../../test-support';
import { createHarness } from '../../test-support/pipeline-harness';

const [dir, killAt] = process.argv.slice(2);
if (!dir || !killAt) throw new Error('usage: kill-turn <dir> <nodeId>');
const h = await createHarness({
  dir,
  afterCheckpoint: ({ step, nodeId }) => {
    if (nodeId !== killAt) return;
    // Synchronous on Linux pipes: the parent has this line even though we die right after.
    process.stdout.write(`committed step ${step} ${nodeId}\n`);
    process.kill(process.pid, 'SIGKILL');
  },
});
await h.service.runTurn({
  conversationId: 'kill-1',
  domain: 'bank',
  text: 'How much does a replacement card cost?',
  idempotencyKey: 'kill-key',
  llm: new ScriptedLlm({ reply: 'A replacement debit card is free of charge.' }),
});
process.stdout.write('turn finished without being killed\n');
