import type { Command } from '../command';
import { auditAcknowledgeRollbackCommand, auditExportCommand, auditVerifyCommand } from './audit';
import { bundleVerifyCommand } from './bundle';
import { demoCommand } from './demo';
import { evalCommand } from './eval';
import { initCommand } from './init';
import { keyringExportCommand, keyringImportCommand } from './keyring';
import { modelsCommand } from './models';
import { piiDetectCommand } from './pii';
import {
  policyActivateCommand,
  policyRollbackCommand,
  policyStatusCommand,
  policyValidateCommand,
} from './policy';
import { policyShadowCommand, policyShadowReportCommand } from './shadow';
import { turnCommand } from './turn';
import {
  usersAddCommand,
  usersDisableCommand,
  usersEnableCommand,
  usersListCommand,
  usersPasswdCommand,
  usersRoleCommand,
  usersUnlockCommand,
} from './users';
import {
  lanDiscoverCommand,
  lanInviteCommand,
  lanJoinCommand,
  lanPeersCommand,
  lanServeCommand,
  lanUnpairCommand,
} from './lan';
import {
  conversationShowCommand,
  escalationsClaimCommand,
  escalationsListCommand,
  escalationsRespondCommand,
  escalationsResolveCommand,
  escalationsWhisperCommand,
} from './escalations';
import { webCommand } from './web';

/** Order is the order shown in usage. Each command lives in its own file, owned by its domain. */
export const commands: Command[] = [
  initCommand,
  webCommand,
  demoCommand,
  usersAddCommand,
  usersListCommand,
  usersPasswdCommand,
  usersRoleCommand,
  usersDisableCommand,
  usersEnableCommand,
  usersUnlockCommand,
  turnCommand,
  auditVerifyCommand,
  auditExportCommand,
  auditAcknowledgeRollbackCommand,
  bundleVerifyCommand,
  keyringExportCommand,
  keyringImportCommand,
  piiDetectCommand,
  evalCommand,
  policyValidateCommand,
  policyStatusCommand,
  policyActivateCommand,
  policyRollbackCommand,
  policyShadowCommand,
  policyShadowReportCommand,
  modelsCommand,
  lanServeCommand,
  lanInviteCommand,
  lanJoinCommand,
  lanDiscoverCommand,
  lanPeersCommand,
  lanUnpairCommand,
  escalationsListCommand,
  escalationsClaimCommand,
  escalationsWhisperCommand,
  escalationsRespondCommand,
  escalationsResolveCommand,
  conversationShowCommand,
];
