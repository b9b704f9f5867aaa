import type { Migration } from './types';
import { migration001 } from './001_store_core';
import { migration002 } from './002_audit_ledger';
import { migration003 } from './003_privacy_vault';
import { migration004 } from './004_memory_retention';
import { migration005 } from './005_model_registry';
import { migration006 } from './006_knowledge_base';
import { migration007 } from './007_conversations';
import { migration008 } from './008_escalations';
import { migration009 } from './009_policy_packs';
import { migration010 } from './010_embeddings';
import { migration011 } from './011_users';
import { migration012 } from './012_trace_spans';
import { migration013 } from './013_pipeline_features';
import { migration014 } from './014_accounts';
import { migration015 } from './015_guard_role';
import { migration018 } from './018_lan';
import { migration019 } from './019_desk_drafts';
import { migration020 } from './020_audit_browse';
import { migration021 } from './021_subject_key_bindings';
import { migration022 } from './022_lan_pairing_columns';

/**
 * Every schema change, in order. Numbers are allocated per domain so parallel work never collides:
 *   001 store core · 002 audit ledger · 003 privacy vault · 004 memory, consent, retention
 *   005 model registry · 006 knowledge base · 007 conversations and turn checkpoints
 *   008 escalations · 009 policy packs · 010 embeddings
 *   011 users and roles · 012 trace spans · 013 escalation suggestions, shadow runs
 *   014 accounts and sign-in · 015 guard model role
 *   018 lan desks (pairing, outbox/inbox, witnessing) · 019 desk drafts and whispers
 *   020 audit browse indexes (type, ts) · 021 subject key bindings (keyring key pool) · 022 LAN pairing columns put right
 * Each file has its own test (NNN_name.test.ts) that migrates a real database to exactly that version.
 */
export const migrations: readonly Migration[] = [
  migration001,
  migration002,
  migration003,
  migration004,
  migration005,
  migration006,
  migration007,
  migration008,
  migration009,
  migration010,
  migration011,
  migration012,
  migration013,
  migration014,
  migration015,
  migration018,
  migration019,
  migration020,
  migration021,
  migration022,
];

export type { Migration } from './types';
