import { useEffect, useRef } from 'react';
import { DRAFT_PROGRESS_TOPIC } from '../../../shared/contract';
import { useApi } from '../api/context';

/** Procedures that change nothing anyone else sees: refreshing on them would only loop. */
const QUIET = new Set(['audit.verify', 'audit.verify_bundle', 'policy.diff', DRAFT_PROGRESS_TOPIC]);

/**
 * Calls `onStale` when the core reports a change (server push, browser mode), at most once per `delayMs`,
 * so a burst of turns costs one reload. Desktop mode has no push: pages reload on their own actions.
 */
export function useOnChange(onStale: (topic: string) => void, delayMs = 500): void {
  const { events } = useApi();
  const latest = useRef(onStale);
  useEffect(() => {
    latest.current = onStale;
  });
  useEffect(() => {
    if (!events) return;
    let timer: ReturnType<typeof setTimeout> | null = null;
    let last = '';
    const off = events.subscribe((e) => {
      if (QUIET.has(e.topic)) return;
      last = e.topic;
      timer ??= setTimeout(() => {
        timer = null;
        latest.current(last);
      }, delayMs);
    });
    return () => {
      off();
      if (timer) clearTimeout(timer);
    };
  }, [events, delayMs]);
}

/** Saves bytes as a file through the browser's own download (nothing is kept on the server). */
export function saveBytes(base64: string, name: string, type = 'application/gzip'): void {
  const raw = atob(base64);
  const bytes = new Uint8Array(raw.length);
  for (let i = 0; i < raw.length; i++) bytes[i] = raw.charCodeAt(i);
  const url = URL.createObjectURL(new Blob([bytes], { type }));
  const a = document.createElement('a');
  a.href = url;
  a.download = name;
  document.body.append(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}

/** Reads a picked file as base64 for a procedure input. */
export async function fileToBase64(file: File): Promise<string> {
  const bytes = new Uint8Array(await file.arrayBuffer());
  let raw = '';
  const CHUNK = 0x8000;
  for (let i = 0; i < bytes.length; i += CHUNK) raw += String.fromCharCode(...bytes.subarray(i, i + CHUNK));
  return btoa(raw);
}

export function formatBytes(bytes: number): string {
  if (bytes < 1024) return `${bytes} B`;
  if (bytes < 1024 ** 2) return `${(bytes / 1024).toFixed(1)} KiB`;
  if (bytes < 1024 ** 3) return `${(bytes / 1024 ** 2).toFixed(1)} MiB`;
  return `${(bytes / 1024 ** 3).toFixed(2)} GiB`;
}

/** A datetime-local value (local time, no zone) as an ISO instant, or undefined when empty. */
export function localToIso(value: string): string | undefined {
  if (!value) return undefined;
  const t = new Date(value);
  return Number.isNaN(t.getTime()) ? undefined : t.toISOString();
}
