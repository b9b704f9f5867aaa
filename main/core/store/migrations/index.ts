import type { Migration } from './types';
import { migration001 } from './001_store_core';

/**
 * Every schema change, in order. Numbers are allocated per domain so parallel work never collides:
 *   001 store core · 002 audit ledger · 003 privacy vault · 004 memory, consent, retention
 *   005 model registry · 006 knowledge base · 007 conversations and turn checkpoints
 *   008 escalations · 009 policy packs · 010 embeddings
 * Each file has its own test (NNN_name.test.ts) that migrates a real database to exactly that version.
 */
export const migrations: readonly Migration[] = [migration001];

export type { Migration } from './types';
