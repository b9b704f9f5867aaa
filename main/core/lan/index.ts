/**
 * Public API of the branch LAN (docs/LAN.md): desk identity, pairing, mutual-TLS links with pinned
 * fingerprints, and the outbox/inbox replication of escalations between staff and supervisor desks.
 * It reaches escalations, the ledger and users only through the ports in ./ports.
 */
export {
  createLanQueue,
  openLanDesk,
  type LanQueue,
  PairingRefused,
  MAX_CLOCK_SKEW_MS,
  type LanDesk,
  type PeerView,
  type ServeHandle,
  type ServeOptions,
} from './desk';
export { fingerprintOfPem, readIdentity, type DeskIdentity, type DeskRole } from './identity';
export { normaliseCode } from './pairing';
export { hasActivePairing, lanOverview, staffTimeline, type LanOverview, type PeerRow } from './repo';
export type { SupervisorAction } from './events';
export type {
  EscalationSnapshot,
  LanActor,
  LanAudit,
  LanEscalations,
  LanEvents,
  LanLog,
  LanPorts,
  LanUser,
  LanUsers,
  RemoteChange,
} from './ports';
export { startDiscovery, browseDesks, type DiscoveredDesk } from './discovery';
export { encodeFrame, FRAME_VERSION, MAX_FRAME } from './frames';
export { DEFAULT_TIMEOUTS, type TransportTimeouts } from './transport';
export { setLanTrace, type LanTraceSink } from './trace';
export { verifyHeldCosignatures, verifyCosignature, type CosignatureProblem } from './witness';
