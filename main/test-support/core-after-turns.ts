import { onTestFinished } from 'vitest';
import { staffSessions } from '../core/api/testing';
import type { Core } from '../core/container';
import { startTestCore } from '../core/container/testing';

type TurnInput = Parameters<Awaited<ReturnType<Core['pipeline']['get']>>['runTurn']>[0];

/**
 * A real core, stopped when the calling test finishes, with a session per role and the given turns already
 * run: the ground the procedure tests stand on.
 */
export async function coreAfterTurns(turns: readonly TurnInput[]) {
  const running = await startTestCore();
  onTestFinished(() => running.stop());
  const { core } = running;
  const staff = await staffSessions(core);
  const pipeline = await core.pipeline.get();
  for (const turn of turns) await pipeline.runTurn(turn);
  return { core, dir: running.dir, staff };
}
