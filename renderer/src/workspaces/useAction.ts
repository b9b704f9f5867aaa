import { useState } from 'react';
import type { ApiError } from '../../../shared/errors';
import type { Result } from '../../../shared/result';

/**
 * One card's action: its own busy flag, result and error, so an error shows next to the card that
 * caused it rather than at the top of the page.
 */
export function useAction<T>() {
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<ApiError | null>(null);
  const [value, setValue] = useState<T | null>(null);
  async function run(call: () => Promise<Result<T>>): Promise<T | null> {
    setBusy(true);
    setError(null);
    // An old answer must not stand in for the new one while it is being worked out.
    setValue(null);
    try {
      const res = await call();
      if (!res.ok) {
        setError(res.error);
        return null;
      }
      setValue(res.value);
      return res.value;
    } finally {
      setBusy(false);
    }
  }
  return { busy, error, value, run, clear: () => setError(null) };
}
