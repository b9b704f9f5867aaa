import { UserError } from '../../../../shared/errors';
import type { AuditActor } from '../../audit';
import type { Core } from '../../container';
import { conversationRepo } from '../../pipeline';
import { actorFor } from './actor';

/** Erasure and purges destroy data for good, so only the roles accountable for data protection may ask. */
const DATA_PROTECTION_ROLES = new Set(['admin', 'compliance']);

function dataProtectionActor(core: Core, userId: string): AuditActor {
  const actor = actorFor(core, userId);
  if (!DATA_PROTECTION_ROLES.has(actor.role))
    throw new UserError('FORBIDDEN', 'Only an admin or compliance officer can erase or purge data.');
  return actor;
}

export function retentionHandlers(core: Core) {
  return {
    'subject.erase': ({ conversationId, actorId }: { conversationId: string; actorId: string }) => {
      const actor = dataProtectionActor(core, actorId);
      const row = conversationRepo(core.store).get(conversationId);
      if (!row) throw new UserError('NOT_FOUND', 'No such conversation.');
      return core.retention.erase(row.subject_id, actor, 'request');
    },
    'retention.purge': ({ actorId }: { actorId: string }) => {
      dataProtectionActor(core, actorId);
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
