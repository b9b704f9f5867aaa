/**
 * Transport names, kept free of zod so the sandboxed preload can bundle them without the schemas.
 * What the preload exposes on window in desktop mode; the bridge client implements the same shape.
 */
export const PRELOAD_GLOBAL = 'confidant' as const;
export const IPC_CHANNEL = 'confidant:call' as const;
/** Main -> renderer server push in the desktop app (the browser mode's SSE stream, over IPC). */
export const IPC_EVENT_CHANNEL = 'confidant:event' as const;
