import { useEffect, useRef } from 'react';

const ACTIVITY = ['pointerdown', 'keydown', 'wheel', 'touchstart'] as const;
/** Input keeps the server session open too, at most once a minute (a whoami call). */
const KEEP_ALIVE_MS = 60_000;

/**
 * Calls `onIdle` after `minutes` without keyboard or pointer input, and `keepAlive` on input at most once
 * a minute. Paused while `active` is false (already locked).
 */
export function useIdleLock(minutes: number, active: boolean, onIdle: () => void, keepAlive: () => void) {
  // Both are set when the effect starts (Date.now is not called during render).
  const last = useRef(0);
  const pinged = useRef(0);
  const idle = useRef(onIdle);
  const alive = useRef(keepAlive);
  useEffect(() => {
    idle.current = onIdle;
    alive.current = keepAlive;
  });

  useEffect(() => {
    if (!active) return;
    last.current = Date.now();
    pinged.current = last.current;
    const seen = () => {
      last.current = Date.now();
      if (last.current - pinged.current > KEEP_ALIVE_MS) {
        pinged.current = last.current;
        alive.current();
      }
    };
    for (const type of ACTIVITY) window.addEventListener(type, seen, { passive: true });
    const timer = setInterval(() => {
      if (Date.now() - last.current >= minutes * 60_000) idle.current();
    }, 1_000);
    return () => {
      for (const type of ACTIVITY) window.removeEventListener(type, seen);
      clearInterval(timer);
    };
  }, [minutes, active]);
}
