import { z } from 'zod';
import { ErrorCode, grantableRoles, LessonError, newAccountSchema, newTerminalSchema, type AccountRole, type TerminalLink, accountSchema, issuedPasswordSchema, terminalLinkSchema, terminalSchema } from '@shared';
import { demand } from '../auth/can.js';
import { newInitialPassword } from '../auth/passwords.js';
import { hashSecret, newSecret } from '../auth/secrets.js';
import { accountRow, accounts, accountView, disableAccount } from '../db/people.js';
import { enrolPerson, setPassword } from '../auth/people.js';
import { createTerminal, revokeTerminal, setTerminalLink, terminal, terminals } from '../db/terminals.js';
import type { Db } from '../db/database.js';
import { audited, type ApiCall, type ApiRoute } from './apiRoute.js';
import { bureauOf, classroomFor, queryString, schoolFor, schoolsInScope, schoolQuery } from './scopes.js';

/** Accounts (real-name people) and classroom terminals (devices). */


/** An account the principal may manage: same bureau, and for a school admin the same school. */
async function managedAccount(call: ApiCall) {
  const row = await accountRow(call.services.db, call.params['id'] ?? '');
  if (!row) throw new LessonError(ErrorCode.NotFound, 'no such account');
  demand(call.principal, 'account.manage', { bureauId: row.bureau_id, schoolIds: row.school_id ? [row.school_id] : [] });
  if (row.id === call.principal.id) throw new LessonError(ErrorCode.Forbidden, 'not on your own account (ask another admin)');
  return row;
}

/** Issues a terminal's link: a new signed credential (the old link stops working), its hash stored, its expiry set. */
async function issueLink(call: ApiCall, db: Db, terminalId: string): Promise<TerminalLink> {
  const expiresAt = Date.now() + call.services.config.auth.terminalLinkMs;
  const credential = await call.services.accounts.sessions.signer.link('terminal', terminalId, expiresAt, newSecret());
  await setTerminalLink(db, terminalId, hashSecret(credential), expiresAt);
  const row = await terminal(db, terminalId);
  const { bureauId: _b, linkHash: _h, ...view } = row!;
  return { terminal: view, url: `${call.services.config.publicUrl}/t#t=${credential}`, expiresAt };
}

/** A terminal the principal may manage. */
async function managedTerminal(call: ApiCall) {
  const row = await terminal(call.services.db, call.params['id'] ?? '');
  if (!row) throw new LessonError(ErrorCode.NotFound, 'no such terminal');
  demand(call.principal, 'terminal.manage', { bureauId: row.bureauId, schoolIds: [row.schoolId], classroomId: row.classroomId });
  return row;
}

export const peopleRoutes: readonly ApiRoute[] = [
  {
    method: 'get',
    path: '/accounts',
    action: 'account.read',
    summary: 'The accounts in scope, or of one school.',
    query: schoolQuery,
    response: z.array(accountSchema),
    async run({ services, principal, query }) {
      const only = queryString(query['schoolId']);
      if (principal.role === 'bureauAdmin' && !only) return accounts(services.db, bureauOf(principal));
      const [schoolId] = await schoolsInScope(services.db, principal, 'account.read', only ?? principal.schoolId ?? undefined);
      return schoolId ? accounts(services.db, bureauOf(principal), schoolId) : [];
    },
  },
  {
    method: 'post',
    path: '/accounts',
    action: 'account.manage',
    summary: 'Create an account: its one-time initial password is in the answer.',
    response: issuedPasswordSchema,
    body: newAccountSchema,
    async run(call) {
      const person = call.body as { login: string; name: string; role: AccountRole; schoolId?: string; bureauId?: string; staffNumber?: string; phone?: string };
      if (!grantableRoles[call.principal.role]?.includes(person.role)) throw new LessonError(ErrorCode.Forbidden, `a ${call.principal.role} may not create a ${person.role}`);
      const bureauId = person.bureauId ?? bureauOf(call.principal);
      if (person.role === 'bureauAdmin' || (person.role === 'observer' && !person.schoolId)) {
        demand(call.principal, 'account.manage', { bureauId });
      } else {
        if (!person.schoolId) throw new LessonError(ErrorCode.BadRequest, `a ${person.role} belongs to a school: schoolId is required`);
        const found = await schoolFor(call.services.db, call.principal, 'account.manage', person.schoolId);
        if (found.bureauId !== bureauId) throw new LessonError(ErrorCode.Forbidden, 'that school is in another bureau');
      }
      const taken = await call.services.db.selectFrom('account').select('id').where('login', '=', person.login.toLowerCase()).executeTakeFirst();
      if (taken) throw new LessonError(ErrorCode.Conflict, `the login "${person.login}" is taken`);
      const issued = await enrolPerson(call.services.db, {
        login: person.login,
        name: person.name,
        role: person.role,
        bureauId,
        schoolId: person.role === 'bureauAdmin' ? null : (person.schoolId ?? null),
        staffNumber: person.staffNumber ?? null,
        phone: person.phone ?? null,
      });
      audited(call, 'account.create', issued.account.id, `${person.role} ${person.login}`);
      return issued;
    },
  },
  {
    method: 'post',
    path: '/accounts/:id/disable',
    action: 'account.manage',
    summary: 'Disable an account; its sessions end.',
    response: accountSchema,
    async run(call) {
      const row = await managedAccount(call);
      await disableAccount(call.services.db, row.id);
      await call.services.accounts.sessions.revokeAllOf(row.id, 'disabled');
      audited(call, 'account.disable', row.id, row.login);
      return accountView((await accountRow(call.services.db, row.id))!);
    },
  },
  {
    method: 'post',
    path: '/accounts/:id/reset-password',
    action: 'account.manage',
    summary: "Reset an account's password to a new one-time password.",
    response: issuedPasswordSchema,
    async run(call) {
      const row = await managedAccount(call);
      if (row.sso_subject) throw new LessonError(ErrorCode.BadRequest, 'this account signs in through the regional platform');
      const initialPassword = newInitialPassword();
      await setPassword(call.services.db, row.id, initialPassword, true);
      await call.services.accounts.sessions.revokeAllOf(row.id, 'passwordChanged');
      audited(call, 'account.resetPassword', row.id, row.login);
      return { account: accountView((await accountRow(call.services.db, row.id))!), initialPassword };
    },
  },
  {
    method: 'get',
    path: '/terminals',
    action: 'terminal.manage',
    summary: 'The classroom terminals in scope, or of one school.',
    query: schoolQuery,
    response: z.array(terminalSchema),
    run: async ({ services, principal, query }) => terminals(services.db, await schoolsInScope(services.db, principal, 'terminal.manage', queryString(query['schoolId']))),
  },
  {
    method: 'post',
    path: '/terminals',
    action: 'terminal.manage',
    summary: 'Register a classroom terminal: its link is in the answer.',
    response: terminalLinkSchema,
    body: newTerminalSchema,
    async run(call) {
      const { classroomId, name } = call.body as { classroomId: string; name?: string };
      const room = await classroomFor(call.services.db, call.principal, 'terminal.manage', classroomId);
      const id = await createTerminal(call.services.db, room.id, name ?? `${room.name} 终端`);
      audited(call, 'terminal.register', id, `${room.schoolName} · ${room.name}`);
      return issueLink(call, call.services.db, id);
    },
  },
  {
    method: 'post',
    path: '/terminals/:id/link',
    action: 'terminal.manage',
    summary: "Issue a terminal's link again (the old one stops working).",
    response: terminalLinkSchema,
    async run(call) {
      const row = await managedTerminal(call);
      if (row.revokedAt !== null) throw new LessonError(ErrorCode.BadRequest, 'this terminal is revoked; register a new one');
      audited(call, 'terminal.link', row.id);
      return issueLink(call, call.services.db, row.id);
    },
  },
  {
    method: 'post',
    path: '/terminals/:id/revoke',
    action: 'terminal.manage',
    summary: 'Revoke a terminal: its sessions end at once.',
    response: terminalSchema,
    async run(call) {
      const row = await managedTerminal(call);
      await revokeTerminal(call.services.db, row.id);
      // Its pages are told and their connections closed now (handshake.ts): out of any lesson at once.
      const sessions = await call.services.accounts.sessions.revokeAllOf(row.id, 'revoked');
      audited(call, 'terminal.revoke', row.id, `${sessions} session(s) ended`);
      const { bureauId: _b, linkHash: _h, ...view } = (await terminal(call.services.db, row.id))!;
      return view;
    },
  },
];

