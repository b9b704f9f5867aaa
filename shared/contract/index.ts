import type { z } from 'zod';
import type { Result } from '../result';
import type { Access } from './access';
import { auditProcedures } from './audit';
import { adminProcedures } from './admin';
import { complianceProcedures } from './compliance';
import { authProcedures } from './auth';
import { deskProcedures } from './desk';
import { deskReviewProcedures } from './desk-review';
import { pairedProcedures } from './paired';
import { statusProcedures } from './status';
import { retentionProcedures } from './retention';
import { usersProcedures } from './users';

/**
 * The single API contract. IPC (desktop) and the loopback bridge (browser mode) both carry exactly
 * these procedures; main validates every input against `input` before a handler runs.
 * Domains add their procedures in their own file and spread them in here.
 */
export const procedures = {
  ...authProcedures,
  ...statusProcedures,
  ...deskProcedures,
  ...deskReviewProcedures,
  ...pairedProcedures,
  ...usersProcedures,
  ...retentionProcedures,
  ...auditProcedures,
  ...complianceProcedures,
  ...adminProcedures,
} as const satisfies Record<string, { access: Access; input: z.ZodType; output: z.ZodType }>;

export type Procedures = typeof procedures;
export type ProcedureName = keyof Procedures;
export type ProcedureInput<N extends ProcedureName> = z.input<Procedures[N]['input']>;
export type ProcedureOutput<N extends ProcedureName> = z.output<Procedures[N]['output']>;

export interface ConfidantApi {
  call<N extends ProcedureName>(name: N, input: ProcedureInput<N>): Promise<Result<ProcedureOutput<N>>>;
}

export function isProcedureName(name: string): name is ProcedureName {
  return Object.hasOwn(procedures, name);
}

export { IPC_CHANNEL, IPC_EVENT_CHANNEL, PRELOAD_GLOBAL } from './channel';
export { allows, type Access } from './access';

export * from './vocabulary';
export * from './scenario';
export * from './auth';
export * from './status';
export * from './desk';
export * from './desk-review';
export * from './paired';
export * from './users';
export * from './retention';
export * from './audit';
export * from './compliance';
export * from './admin';
