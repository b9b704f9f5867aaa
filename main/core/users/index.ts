export { ROLES, isRole, type Role } from '../../../shared/roles';
export {
  normaliseUserName,
  openUserDirectory,
  type Credentials,
  type User,
  type UserActor,
  type UserAuditSink,
  type UserDirectory,
  type UserDirectoryOptions,
} from './users';
export { createAccounts, SIGN_IN_POLICY, type Accounts } from './accounts';
export {
  checkPasswordRules,
  checkPinRules,
  hashSecret,
  PASSWORD_MIN,
  SCRYPT_PARAMS,
  verifySecret,
} from './password';
export { createSessions, SESSION_DEFAULTS, type Session, type Sessions } from './sessions';
