import { UserError } from '../../../../shared/errors';
import type { AuditActor } from '../../audit';
import type { Core } from '../../container';
import { actorOf, type HandlerContext } from '../dispatch';

/**
 * Erasure and purges destroy data for good: the contract lets only the roles accountable for data
 * protection (admin, compliance) call them, and the dispatcher has checked that before we run.
 */
function dataProtectionActor(ctx: HandlerContext): AuditActor {
  const { id, role } = actorOf(ctx);
  return { kind: 'user', id, role };
}

export function retentionHandlers(core: Core) {
  return {
    'subject.erase': ({ conversationId }: { conversationId: string }, ctx: HandlerContext) => {
      const actor = dataProtectionActor(ctx);
      const row = core.conversations.get(conversationId);
      if (!row) throw new UserError('NOT_FOUND', 'No such conversation.');
      return core.retention.erase(row.subject_id, actor, 'request');
    },
    'retention.purge': (_input: Record<string, never>, ctx: HandlerContext) => {
      dataProtectionActor(ctx);
      const report = core.retention.purge('manual');
      const deletedRows =
        Object.values(report.deletedMemory).reduce((a, b) => a + b, 0) +
        Object.values(report.deletedTargets).reduce((a, b) => a + b, 0);
      return {
        runId: report.runId,
        deletedRows,
        shreddedSubjects: report.shreddedSubjects.length,
        auditSeq: report.auditSeq,
      };
    },
  };
}
