import { useCallback, useEffect, useState } from 'react';

/** `#/supervisor` → `supervisor`; anything else (no hash, an unknown page) → null. */
export function pageFromHash<T extends string>(hash: string, pages: readonly T[]): T | null {
  const id = hash.replace(/^#\/?/, '').split(/[/?]/)[0] ?? '';
  return (pages as readonly string[]).includes(id) ? (id as T) : null;
}

/**
 * Each workspace has its own address (`#/desk`, `#/supervisor`, ...): reload, back and forward keep the
 * page. The hash carries no data (the bridge token has been taken out of it before the first render).
 */
export function useHashPage<T extends string>(pages: readonly T[], fallback: T): [T, (page: T) => void] {
  const [page, setPage] = useState<T>(() => pageFromHash(window.location.hash, pages) ?? fallback);
  useEffect(() => {
    const onChange = () => setPage(pageFromHash(window.location.hash, pages) ?? fallback);
    window.addEventListener('hashchange', onChange);
    return () => window.removeEventListener('hashchange', onChange);
  }, [pages, fallback]);
  const go = useCallback((next: T) => {
    if (window.location.hash !== `#/${next}`) window.location.hash = `/${next}`;
    setPage(next);
  }, []);
  return [page, go];
}

const CONVERSATION_ID = /^[A-Za-z0-9_.:-]{1,128}$/;

/** `#/desk/<id>` → the conversation id (contract-valid only), else null. */
export function conversationFromHash(hash: string): string | null {
  const m = /^#\/desk\/([^/?]+)$/.exec(hash);
  if (!m?.[1]) return null;
  let id: string;
  try {
    id = decodeURIComponent(m[1]);
  } catch {
    return null;
  }
  return CONVERSATION_ID.test(id) ? id : null;
}
