/**
 * Polls `fn` until it returns something truthy and returns that, or throws after `ms` naming `what`: for
 * tests that wait on another desk, a socket or a background job they cannot await directly.
 */
export async function until<T>(
  what: string,
  fn: () => T | undefined | null | false | Promise<T | undefined | null | false>,
  options: { ms?: number; everyMs?: number } = {},
): Promise<T> {
  const end = Date.now() + (options.ms ?? 15_000);
  for (;;) {
    const v = await fn();
    if (v) return v;
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, options.everyMs ?? 25));
  }
}
