/**
 * Public API of the escalation queue: the repository of `escalations` and `escalation_notes`, the
 * lifecycle (open -> claimed -> resolved), revealing a packet's originals, the suggestions the
 * autoEscalation flag holds back, and the operations LAN replication applies. The pipeline reaches it
 * only through its own port (pipeline's `EscalationPort`), which the container wires to this service.
 */
export {
  escalationService,
  summaryOf,
  type EscalationService,
  type EscalationServiceOptions,
} from './service';
export { escalationRetentionTarget, openEscalationConversations } from './retention';
export {
  staffEscalation,
  STAFF_ESCALATION_REASON,
  type StaffConversationsPort,
  type StaffEscalationDeps,
} from './staff';
export type { RemoteChange, RemoteEscalation } from './remote';
export type {
  ConversationStatusPort,
  EscalationChange,
  EscalationDetail,
  EscalationOutcome,
  EscalationReveal,
  EscalationRow,
  EscalationStatus,
  EscalationSummary,
  OpenedEscalation,
} from './types';
