export { ROLES, isRole, type Role } from '../../../shared/roles';
export {
  normaliseUserName,
  openUserDirectory,
  type User,
  type UserActor,
  type UserAuditSink,
  type UserDirectory,
  type UserDirectoryOptions,
} from './users';
