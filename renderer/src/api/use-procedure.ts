import { useCallback, useEffect, useState } from 'react';
import type { ProcedureInput, ProcedureName, ProcedureOutput } from '../../../shared/contract';
import type { ApiError } from '../../../shared/errors';
import { useApi } from './context';

export type Loadable<T> =
  { state: 'loading' } | { state: 'ready'; value: T } | { state: 'error'; error: ApiError };

/** Calls one procedure on mount and on refresh(); every failure arrives as a typed ApiError. */
export function useProcedure<N extends ProcedureName>(name: N, input: ProcedureInput<N>) {
  const { api } = useApi();
  const [result, setResult] = useState<Loadable<ProcedureOutput<N>>>({ state: 'loading' });
  const [generation, setGeneration] = useState(0);
  const key = JSON.stringify(input);

  useEffect(() => {
    let live = true;
    api.call(name, JSON.parse(key) as ProcedureInput<N>).then((res) => {
      if (!live) return;
      setResult(res.ok ? { state: 'ready', value: res.value } : { state: 'error', error: res.error });
    });
    return () => {
      live = false;
    };
  }, [api, name, key, generation]);

  const refresh = useCallback(() => setGeneration((g) => g + 1), []);
  return { result, refresh };
}
