import type { AuditEntry } from '@shared';
import type { Db } from '../db/database.js';
import type { Logger } from '../log.js';
import { FIRST_BUREAU } from './bootstrap.js';
import type { Principal } from './principal.js';

export interface AuditRecord {
  actor: Principal | null;
  /** For a refused sign-in, the login that was tried. */
  actorName?: string;
  action: string;
  target?: string | null;
  outcome: 'ok' | 'refused';
  address: string | null;
  detail?: string;
  /** Whose trail it is, when not the actor's (e.g. a refused sign-in of an account of a school). */
  bureauId?: string | null;
  schoolId?: string | null;
}

export interface AuditQuery {
  bureauId: string | null;
  /** A school admin reads only the school's trail. */
  schoolId: string | null;
  action?: string | undefined;
  actor?: string | undefined;
  outcome?: 'ok' | 'refused' | undefined;
  since?: number | undefined;
  before?: number | undefined;
  limit: number;
}

/**
 * The audit trail (SQL): admin actions, sign-ins, refusals, revocations —
 * who, what, when, from where. Writing it never fails the action it records:
 * a failed write is logged.
 */
export class AuditLog {
  constructor(
    private readonly db: Db,
    private readonly logger: Logger,
  ) {}

  record(entry: AuditRecord): void {
    this.db
      .insertInto('audit_event')
      .values({
        at: Date.now(),
        actor: entry.actor?.id ?? null,
        actor_name: (entry.actor?.name ?? entry.actorName ?? null)?.slice(0, 100) ?? null,
        action: entry.action,
        target: entry.target?.slice(0, 200) ?? null,
        outcome: entry.outcome,
        address: entry.address,
        detail: entry.detail?.slice(0, 1000) ?? null,
        // What cannot be put to a bureau (an unknown login, a forged link) is the first bureau's to read: the server's own.
        bureau_id: (entry.bureauId !== undefined ? entry.bureauId : entry.actor?.bureauId) ?? FIRST_BUREAU,
        school_id: entry.schoolId !== undefined ? entry.schoolId : (entry.actor?.schoolId ?? null),
      })
      .execute()
      .catch((error: unknown) => this.logger.error({ err: (error as Error).message, action: entry.action }, 'audit write failed'));
  }

  async query(q: AuditQuery): Promise<AuditEntry[]> {
    let query = this.db.selectFrom('audit_event').selectAll().where('bureau_id', '=', q.bureauId ?? '');
    if (q.schoolId) query = query.where('school_id', '=', q.schoolId);
    if (q.action) query = query.where('action', 'like', `${q.action.replace(/[%_]/g, '')}%`);
    if (q.actor) query = query.where((eb) => eb.or([eb('actor', '=', q.actor!), eb('actor_name', '=', q.actor!)]));
    if (q.outcome) query = query.where('outcome', '=', q.outcome);
    if (q.since !== undefined) query = query.where('at', '>=', q.since);
    if (q.before !== undefined) query = query.where('at', '<', q.before);
    const rows = await query.orderBy('at', 'desc').orderBy('id', 'desc').limit(q.limit).execute();
    return rows.map((r) => ({ id: r.id, at: r.at, actor: r.actor, actorName: r.actor_name, action: r.action, target: r.target, outcome: r.outcome, address: r.address, detail: r.detail }));
  }
}
