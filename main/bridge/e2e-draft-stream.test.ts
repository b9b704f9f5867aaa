import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { createTinyModelsDir } from '../test-support';
import { CLI_TEST_TIMEOUT_MS, RESULTS_DIR, signIn, STAFF, useDesk } from './e2e-support';

describe('the draft streams into the desk (tiny GGUF model)', { timeout: CLI_TEST_TIMEOUT_MS }, () => {
  const desk = useDesk({
    models: (dir) => createTinyModelsDir(dir, { embedding: false, sentiment: false }),
  });

  it('shows the draft growing while the model writes it, then the checked draft for review', async () => {
    const agent = await signIn(desk, STAFF.agent);
    await agent.getByRole('button', { name: 'Desk' }).click();
    await agent.getByRole('button', { name: 'New' }).click();
    // Records every length the live draft had, however briefly it was on screen.
    await agent.evaluate(() => {
      const seen: number[] = [];
      (window as unknown as { streamed: number[] }).streamed = seen;
      new MutationObserver(() => {
        const live = document.querySelector('[data-testid="draft-stream"]');
        if (live) seen.push(live.textContent?.length ?? 0);
      }).observe(document.body, { subtree: true, childList: true, characterData: true });
    });
    await agent.getByLabel('Customer message').fill('Hello, what does a replacement debit card cost?');
    await agent.getByLabel('Customer message').press('Enter');
    await expect.poll(() => agent.getByTestId('turn').count(), { timeout: 90_000 }).toBe(1);
    const streamed = await agent.evaluate(() => (window as unknown as { streamed: number[] }).streamed);
    // Several distinct lengths: it grew on screen, not in one piece at the end.
    expect(new Set(streamed).size).toBeGreaterThan(2);
    // Once the turn answered, the unchecked text is gone; what remains is the checked turn.
    expect(await agent.getByTestId('draft-stream').count()).toBe(0);
    await agent.screenshot({ path: join(RESULTS_DIR, 'desk-draft-streamed.png'), fullPage: true });
    await agent.context().close();
  });
});
