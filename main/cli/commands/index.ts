import type { Command } from '../command';
import { auditExportCommand, auditVerifyCommand } from './audit';
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
];
