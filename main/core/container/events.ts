/**
 * A tiny in-process publish/subscribe hub for server push (the bridge streams it as Server-Sent Events).
 * Events carry ids and codes only, never customer text: they cross the bridge to every open view.
 * The one exception is addressed: an event with an `audience` goes only to the streams of that sign-in
 * session (the bridge checks), which is how a draft reaches the desk that asked for it as it is written.
 */
export interface CoreEvent {
  topic: string;
  data: Record<string, string | number | boolean | null>;
  /** The session token whose streams alone may receive this event; it is never sent itself. */
  audience?: string;
}

export type CoreEventListener = (event: CoreEvent) => void;

export interface CoreEvents {
  publish(event: CoreEvent): void;
  subscribe(listener: CoreEventListener): () => void;
  listenerCount(): number;
}

export function createEventHub(onListenerError: (err: unknown) => void = () => {}): CoreEvents {
  const listeners = new Set<CoreEventListener>();
  return {
    publish(event) {
      // One slow or broken subscriber (a closed browser tab) must never break the publisher's turn.
      for (const listener of [...listeners]) {
        try {
          listener(event);
        } catch (err) {
          onListenerError(err);
        }
      }
    },
    subscribe(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    listenerCount: () => listeners.size,
  };
}
