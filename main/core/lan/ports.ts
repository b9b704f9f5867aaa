/**
 * What the LAN needs from the rest of the core, as narrow ports. The container adapts the escalation
 * service, the audit ledger and the user directory to them, so moving escalations to their own module or
 * adding password accounts changes an adapter, not this module.
 */
import type { DeskRole } from './identity';

export interface EscalationSnapshot {
  id: string;
  conversationId: string;
  turnId: string;
  /** Pseudonymous subject id: the key customer data is sealed under on both desks. */
  subjectId: string;
  domain: string;
  status: 'open' | 'claimed' | 'resolved';
  priority: 'urgent' | 'high' | 'normal';
  reasons: string[];
  createdAt: string;
  slaDueAt: string;
  claimedBy: string | null;
  /** The redacted handoff packet (pseudonym tokens, never originals); null once the customer is erased. */
  packet: unknown;
}

export interface LanActor {
  kind: 'user';
  id: string;
  name: string;
  role: string;
}

export type RemoteChange =
  | { kind: 'claimed'; by: string }
  | { kind: 'released' }
  | { kind: 'resolved'; by: string; outcome: 'resolved' | 'taken_over' | 'returned_to_agent' };

export interface LanEscalations {
  snapshot(id: string): EscalationSnapshot | null;
  idsForConversation(conversationId: string): string[];
  allIds(): string[];
  /** Supervisor desk: stores (or merges new reasons into) an escalation received from a staff desk. */
  importRemote(s: EscalationSnapshot, receivedAt: string, slaMs: number): 'opened' | 'updated' | 'unchanged';
  claim(id: string, actor: LanActor): void;
  release(id: string, actor: LanActor): void;
  note(id: string, actor: LanActor, text: string, kind: 'note' | 'response'): void;
  resolve(id: string, actor: LanActor, outcome: 'resolved' | 'taken_over' | 'returned_to_agent'): void;
  /** Staff desk: mirrors what the supervisor did on the local escalation row. */
  applyRemote(id: string, change: RemoteChange): void;
  /**
   * Staff desk: the audited reveal of an escalation's originals for a supervisor of a paired desk, who must
   * have claimed it (claimed_by is their name here). For display on the supervisor desk only.
   */
  revealForRemote(id: string, by: string, reason: string): Promise<unknown>;
  /** Supervisor desk: drops its copy of a customer's packets (erasure on the staff desk). */
  eraseSubject(subjectId: string): number;
}

export interface LanAudit {
  append(e: {
    type: 'lan.paired' | 'lan.unpaired' | 'lan.event_received' | 'lan.alert' | 'lan.reveal';
    actor: { kind: 'user' | 'system'; id: string; role: string };
    subject?: string | null;
    payload: Record<string, string | number | boolean | null>;
  }): { seq: number };
  /** Signs (or returns the unchanged latest) checkpoint of everything appended so far. */
  checkpoint(): { size: number; root: string; note: string };
  checkpoints(): Array<{ size: number; root: string; note: string }>;
  /** Base64 RFC 9162 consistency proof between two tree sizes. */
  consistencyProof(oldSize: number, newSize?: number): string[];
  /** The desk's checkpoint-signing verifier key. */
  deskVerifierKey(): string;
  size(): number;
}

export interface LanUser {
  id: string;
  name: string;
  role: string;
  disabled: boolean;
}

export interface LanUsers {
  findByName(name: string): LanUser | null;
}

export interface LanEvents {
  publish(event: { topic: string; data: Record<string, string | number | boolean | null> }): void;
}

export interface LanLog {
  info(obj: object, msg: string): void;
  warn(obj: object, msg: string): void;
}

export interface LanPorts {
  escalations: LanEscalations;
  audit: LanAudit;
  users: LanUsers;
  events: LanEvents;
  log: LanLog;
  now?: () => Date;
}

export type { DeskRole };
