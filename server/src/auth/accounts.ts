import type { AuditLog } from './audit.js';
import type { IpRuleStore } from './ipRules.js';
import type { LoginLimiter } from './loginLimiter.js';
import type { SessionStore } from './sessions.js';

/** The accounts side of the server: sessions, the audit trail, IP rules, the sign-in limiter. */
export interface Accounts {
  sessions: SessionStore;
  audit: AuditLog;
  ipRules: IpRuleStore;
  limiter: LoginLimiter;
}
