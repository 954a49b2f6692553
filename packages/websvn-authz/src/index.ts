// @opskit/websvn-authz public API.

export { type Decision, evaluateAccess, globMatches, groupsOf, usersNamed } from './authz/evaluate.js';
export {
  type Access,
  type Entry,
  formatEntry,
  parseEntry,
  pathProblem,
  sanitizeGroupName,
  sectionHeader,
  userNameProblem,
} from './authz/names.js';
export { type AuthzSection, type ParsedAuthz, parseAuthz } from './authz/parse.js';
export { renderAuthz } from './authz/render.js';
export { type ApacheOptions, apache, apacheChecker } from './commands/apache.js';
export {
  type AuditEntry,
  type AuditOptions,
  type AuditReport,
  type AuditRepository,
  audit,
  OTHER_USER,
} from './commands/audit.js';
export { planAuthz, type SyncOptions, type SyncReport, sync } from './commands/sync.js';
export { type FilesReport, phpLint, type WebsvnOptions, websvn, websvnParents } from './commands/websvn.js';
export { compareGroups, enforceGuard, type GuardFinding } from './guard.js';
export {
  type InstallOutcome,
  type InstallStatus,
  installPrepared,
  prepareFile,
  unifiedDiff,
} from './install.js';
export { bindPassword, type LdapSession, type LdapStats, openLdap } from './ldap/client.js';
export { type DirectoryGroup, type DirectoryResult, readDirectory } from './ldap/directory.js';
export { normalizeDn } from './ldap/dn.js';
export { type RawGroup, type ResolvedGroup, resolveGroups } from './ldap/resolve.js';
export { authLdapUrl, renderApacheConfig } from './render/apache.js';
export {
  DENY_ALL_AUTHZ,
  phpString,
  renderWebsvnConfig,
  type WebsvnInput,
  type WebsvnParent,
} from './render/websvn.js';
export { discoverRepositories, isRepository } from './repos.js';
export { siteSchema } from './schema.js';
export { loadSite, type Site, type SiteLdap, type SiteParent, type SiteRule } from './site.js';
export { type SvnAccess, svnauthzAccessOf, svnauthzValidate } from './svnauthz.js';
