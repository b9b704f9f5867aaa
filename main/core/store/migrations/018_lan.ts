import type { Migration } from './types';

/**
 * Desks on the branch LAN (docs/LAN.md).
 * - lan_identity: this desk's long-term ECDSA P-256 key and self-signed certificate (one row). The key sits
 *   in the page-encrypted database like the ledger's desk key; the device id is the SHA-256 of the cert DER.
 * - lan_invites: pairing codes, stored only as an HKDF-derived MAC key, single use, with a TTL.
 * - lan_peers: pinned fingerprints and the role bound at pairing; revoked_at set by unpair (never reused).
 * - lan_outbox: append-only event log with this desk's sequence numbers; bodies about a customer are sealed
 *   under the subject key so erasure reaches them. lan_acks holds each peer's cumulative acknowledgement.
 * - lan_inbox: append-only log of every event received (dedupe by event id, per peer sequence).
 * - lan_remote_escalations: which desk an escalation in this store came from (supervisor desk).
 * - lan_escalation_log: the staff desk's timeline of what the supervisor did (claims, whispers, responses,
 *   resolution), texts sealed under the subject key.
 * - lan_witness_key: the supervisor desk's Ed25519 cosigner key (C2SP tlog-cosignature, cosignature/v1).
 * - lan_witnessed: checkpoints a supervisor desk verified and co-signed, per staff desk (the last one is what
 *   the next must be consistent with). lan_cosignatures: the co-signatures a staff desk received.
 * - lan_alerts: clock skew, refused co-signatures and other link alerts (codes and ids only).
 */
export const migration018: Migration = {
  version: 18,
  name: 'lan desks',
  up(db) {
    db.exec(`
      CREATE TABLE lan_identity (
        id INTEGER PRIMARY KEY CHECK (id = 1),
        device_id TEXT NOT NULL,
        role TEXT NOT NULL CHECK (role IN ('staff', 'supervisor')),
        cert_pem TEXT NOT NULL,
        key_pkcs8 BLOB NOT NULL,
        created_at TEXT NOT NULL
      ) STRICT;
      CREATE TABLE lan_invites (
        id TEXT PRIMARY KEY,
        mac_key BLOB NOT NULL,
        created_by TEXT NOT NULL,
        created_at TEXT NOT NULL,
        expires_at TEXT NOT NULL,
        used_at TEXT,
        used_by TEXT
      ) STRICT;
      CREATE TABLE lan_peers (
        device_id TEXT PRIMARY KEY,
        role TEXT NOT NULL CHECK (role IN ('staff', 'supervisor')),
        cert_pem TEXT NOT NULL,
        address TEXT,
        paired_at TEXT NOT NULL,
        paired_by TEXT NOT NULL,
        revoked_at TEXT,
        last_seen TEXT,
        clock_skew_ms INTEGER
      ) STRICT;
      CREATE TABLE lan_outbox (
        seq INTEGER PRIMARY KEY AUTOINCREMENT,
        event_id TEXT NOT NULL UNIQUE,
        type TEXT NOT NULL,
        target TEXT NOT NULL,
        subject_id TEXT,
        body TEXT NOT NULL,
        created_at TEXT NOT NULL
      ) STRICT;
      CREATE TRIGGER lan_outbox_append_only_u BEFORE UPDATE ON lan_outbox
        BEGIN SELECT RAISE(ABORT, 'lan_outbox is append-only'); END;
      CREATE TABLE lan_acks (
        peer TEXT PRIMARY KEY REFERENCES lan_peers (device_id),
        acked_seq INTEGER NOT NULL CHECK (acked_seq >= 0)
      ) STRICT;
      CREATE TABLE lan_inbox (
        id INTEGER PRIMARY KEY AUTOINCREMENT,
        peer TEXT NOT NULL,
        peer_seq INTEGER NOT NULL,
        event_id TEXT NOT NULL UNIQUE,
        type TEXT NOT NULL,
        outcome TEXT NOT NULL CHECK (outcome IN ('applied', 'rejected')),
        received_at TEXT NOT NULL
      ) STRICT;
      CREATE TRIGGER lan_inbox_append_only_u BEFORE UPDATE ON lan_inbox
        BEGIN SELECT RAISE(ABORT, 'lan_inbox is append-only'); END;
      CREATE TRIGGER lan_inbox_append_only_d BEFORE DELETE ON lan_inbox
        BEGIN SELECT RAISE(ABORT, 'lan_inbox is append-only'); END;
      CREATE TABLE lan_remote_escalations (
        escalation_id TEXT PRIMARY KEY,
        desk TEXT NOT NULL,
        received_at TEXT NOT NULL
      ) STRICT;
      CREATE TABLE lan_escalation_log (
        event_id TEXT PRIMARY KEY,
        escalation_id TEXT NOT NULL,
        subject_id TEXT NOT NULL,
        type TEXT NOT NULL,
        actor TEXT,
        text_sealed TEXT,
        at TEXT NOT NULL
      ) STRICT;
      CREATE INDEX lan_escalation_log_escalation ON lan_escalation_log (escalation_id, at);
      CREATE TABLE lan_witness_key (
        id INTEGER PRIMARY KEY CHECK (id = 1),
        name TEXT NOT NULL,
        key_pkcs8 BLOB NOT NULL,
        created_at TEXT NOT NULL
      ) STRICT;
      CREATE TABLE lan_witnessed (
        peer TEXT NOT NULL,
        size INTEGER NOT NULL CHECK (size >= 0),
        root TEXT NOT NULL,
        note TEXT NOT NULL,
        desk_vkey TEXT NOT NULL,
        cosigned_at TEXT NOT NULL,
        PRIMARY KEY (peer, size)
      ) STRICT;
      CREATE TABLE lan_cosignatures (
        peer TEXT NOT NULL,
        size INTEGER NOT NULL CHECK (size >= 0),
        root TEXT NOT NULL,
        line TEXT NOT NULL,
        witness_vkey TEXT NOT NULL,
        received_at TEXT NOT NULL,
        PRIMARY KEY (peer, size)
      ) STRICT;
      CREATE TABLE lan_alerts (
        id INTEGER PRIMARY KEY AUTOINCREMENT,
        peer TEXT,
        code TEXT NOT NULL,
        detail TEXT NOT NULL,
        at TEXT NOT NULL
      ) STRICT;
    `);
  },
};
