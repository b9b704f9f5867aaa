import { connect, createServer, type Server, type TLSSocket } from 'node:tls';
import { encodeFrame, FrameDecoder, type Message, type OutgoingMessage } from './frames';
import { fingerprintOfDer, type DeskIdentity } from './identity';
import type { LanLog } from './ports';

export const ALPN_LINK = 'confidant/1';
export const ALPN_PAIR = 'confidant-pair/1';

export interface TransportTimeouts {
  /** A TLS handshake must finish within this (slow-loris on the handshake). */
  handshakeMs: number;
  /** A link with no frame for this long is cut (a peer that stalls mid-frame, or vanished). */
  idleMs: number;
}
export const DEFAULT_TIMEOUTS: TransportTimeouts = { handshakeMs: 5000, idleMs: 30_000 };

const tlsOptions = (id: DeskIdentity) =>
  ({
    key: id.keyPem,
    cert: id.certPem,
    minVersion: 'TLSv1.3',
    maxVersion: 'TLSv1.3',
    // No CA: every certificate is self-signed. The peer's fingerprint is checked against the pins instead,
    // before a single frame is read or written.
    rejectUnauthorized: false,
  }) as const;

export function peerFingerprint(socket: TLSSocket): string | null {
  const cert = socket.getPeerCertificate(true);
  return cert && cert.raw ? fingerprintOfDer(cert.raw) : null;
}

/**
 * One framed, numbered message stream over a TLS socket. Every frame carries `n`, strictly increasing per
 * direction and connection: a replayed or reordered frame is dropped and logged.
 */
export class Link {
  private out = 0;
  private lastIn = -1;
  private readonly decoder = new FrameDecoder();
  private closed = false;
  readonly dropped: string[] = [];

  constructor(
    readonly socket: TLSSocket,
    readonly peer: string,
    private readonly log: LanLog,
    private readonly onMessage: (m: Message, link: Link) => void,
    private readonly onClose: (link: Link) => void,
    timeouts: TransportTimeouts,
  ) {
    socket.setNoDelay(true);
    socket.setTimeout(timeouts.idleMs, () => {
      this.log.warn({ peer: peer.slice(0, 16), reason: 'idle' }, 'lan link timed out');
      socket.destroy();
    });
    socket.on('data', (chunk: Buffer) => this.receive(chunk));
    socket.on('error', (err) =>
      this.log.warn(
        { peer: peer.slice(0, 16), code: (err as NodeJS.ErrnoException).code ?? err.name },
        'lan link error',
      ),
    );
    socket.on('close', () => {
      this.closed = true;
      this.onClose(this);
    });
  }

  get isOpen(): boolean {
    return !this.closed && !this.socket.destroyed;
  }

  send(m: OutgoingMessage): boolean {
    if (!this.isOpen) return false;
    return this.socket.write(encodeFrame({ ...m, n: this.out++ }));
  }

  close(reason: string): void {
    if (!this.isOpen) return;
    this.send({ t: 'bye', reason });
    this.socket.end();
  }

  private receive(chunk: Buffer): void {
    for (const d of this.decoder.push(chunk)) {
      if (this.closed) return;
      if (d.kind === 'dropped') {
        this.drop(d.reason);
        continue;
      }
      if (d.message.n <= this.lastIn) {
        this.drop('replayed-or-reordered');
        continue;
      }
      this.lastIn = d.message.n;
      try {
        this.onMessage(d.message, this);
      } catch (err) {
        this.log.warn(
          { peer: this.peer.slice(0, 16), err: (err as Error).name },
          'lan message handler failed',
        );
        this.socket.destroy();
      }
    }
  }

  private drop(reason: string): void {
    this.dropped.push(reason);
    this.log.warn({ peer: this.peer.slice(0, 16), reason }, 'lan frame dropped');
  }
}

export interface ServerHandlers {
  /** Is this fingerprint pinned (and not revoked)? */
  isPinned(fingerprint: string): boolean;
  /** Is a pairing code pending? Unpinned certificates are refused outright otherwise. */
  pairingOpen(): boolean;
  onLink(socket: TLSSocket, fingerprint: string): void;
  onPairing(socket: TLSSocket, fingerprint: string): void;
}

export function startServer(
  id: DeskIdentity,
  handlers: ServerHandlers,
  log: LanLog,
  timeouts: TransportTimeouts,
): Server {
  const server = createServer({
    ...tlsOptions(id),
    requestCert: true,
    handshakeTimeout: timeouts.handshakeMs,
    ALPNProtocols: [ALPN_LINK, ALPN_PAIR],
  });
  server.on('secureConnection', (socket) => {
    const fp = peerFingerprint(socket);
    const alpn = socket.alpnProtocol;
    if (fp && alpn === ALPN_LINK && handlers.isPinned(fp)) return handlers.onLink(socket, fp);
    if (fp && alpn === ALPN_PAIR && fp !== id.deviceId && handlers.pairingOpen())
      return handlers.onPairing(socket, fp);
    log.warn({ peer: fp ? fp.slice(0, 16) : null, reason: 'not-pinned' }, 'lan connection refused');
    socket.destroy();
  });
  // With a listener attached, Node leaves the socket open: a handshake that failed or timed out is cut here.
  server.on('tlsClientError', (err, socket) => {
    const code = (err as NodeJS.ErrnoException).code ?? err.name;
    log.warn(
      { code, reason: code === 'ERR_TLS_HANDSHAKE_TIMEOUT' ? 'handshake-timeout' : 'handshake-failed' },
      'lan handshake failed',
    );
    socket.destroy();
  });
  return server;
}

/**
 * Dials a desk. With `expect`, the server's certificate must have exactly that fingerprint (the pin); the
 * socket is destroyed before anything is sent otherwise.
 */
export function dial(
  id: DeskIdentity,
  address: { host: string; port: number },
  mode: { expect: string } | { pairing: true },
  timeouts: TransportTimeouts,
): Promise<{ socket: TLSSocket; fingerprint: string }> {
  return new Promise((resolve, reject) => {
    const socket = connect({
      ...tlsOptions(id),
      host: address.host,
      port: address.port,
      ALPNProtocols: ['pairing' in mode ? ALPN_PAIR : ALPN_LINK],
      servername: undefined,
    });
    const timer = setTimeout(() => {
      socket.destroy();
      reject(new Error('handshake timeout'));
    }, timeouts.handshakeMs);
    socket.once('secureConnect', () => {
      clearTimeout(timer);
      const fp = peerFingerprint(socket);
      if (!fp || ('expect' in mode && fp !== mode.expect)) {
        socket.destroy();
        reject(new Error('peer certificate is not the pinned one'));
        return;
      }
      resolve({ socket, fingerprint: fp });
    });
    socket.once('error', (err) => {
      clearTimeout(timer);
      reject(err);
    });
    socket.once('close', () => {
      clearTimeout(timer);
      reject(new Error('connection closed during handshake'));
    });
  });
}
