import { hashPassword, newInitialPassword } from './passwords.js';
import { hashSecret, newSecret } from './secrets.js';
import type { SessionStore } from './sessions.js';
import { enrolPerson, setPassword } from './people.js';
import { createLesson, deleteLesson } from '../db/lessonPlans.js';
import { createTerminal, revokeTerminal, setTerminalLink } from '../db/terminals.js';
import type { Db } from '../db/database.js';

/** The bureau every school belongs to on a fresh install (schools from before accounts were put in it too). */
export const FIRST_BUREAU = 'main';

/**
 * First start: the bureau and its first bureau admin (login `admin`). With
 * ADMIN_INITIAL_PASSWORD that is the password; else a one-time password is
 * returned to print once, to be changed at the first sign-in.
 */
export async function ensureFirstAdmin(db: Db, initialPassword: string | null): Promise<{ login: string; password: string } | null> {
  await db.insertInto('bureau').values({ id: FIRST_BUREAU, name: '教育局' }).onConflict((oc) => oc.doNothing()).execute();
  const admin = await db.selectFrom('account').select('id').where('role', '=', 'bureauAdmin').executeTakeFirst();
  if (admin) return null;
  const { initialPassword: password } = await enrolPerson(db, {
    login: 'admin',
    name: '系统管理员',
    role: 'bureauAdmin',
    bureauId: FIRST_BUREAU,
    schoolId: null,
    staffNumber: 'ADMIN',
    ...(initialPassword ? { password: initialPassword } : {}),
  });
  return initialPassword ? null : { login: 'admin', password };
}

/** What demo mode prints: the demo teacher's sign-in and each demo classroom's terminal link. */
export interface DemoSignIns {
  lessonId: string;
  teacher: { login: string; password: string; name: string };
  classrooms: Array<{ name: string; url: string }>;
}

const demoSchools = [
  { id: 'chengguan', name: '城关第一小学', kind: 'support' as const },
  { id: 'shanping', name: '山坪村小学', kind: 'receiving' as const },
  { id: 'hewan', name: '河湾乡中心小学', kind: 'receiving' as const },
];
const demoClassrooms = [
  { id: 'chengguan-4-1', school_id: 'chengguan', name: '四年级(1)班' },
  { id: 'shanping-4', school_id: 'shanping', name: '四年级' },
  { id: 'hewan-4-2', school_id: 'hewan', name: '四年级(2)班' },
];
const DEMO_TEACHER = 'wang';

/**
 * Demo mode (DEMO=on, the default): the demo lesson 示范课 — one city
 * classroom, two paired rural classrooms, their pairings, the demo teacher
 * 王老师 and a terminal per rural classroom. Each start gives the teacher a
 * new password and the terminals new links, printed by `npm start`
 * (terminals already set up keep their sessions). DEMO=off removes the demo
 * lesson, disables the demo teacher and revokes the demo terminals; the
 * demo schools stay, for an admin to rename or remove.
 */
export async function applyDemoMode(db: Db, on: boolean, sessions: SessionStore, publicUrl: string, linkMs: number): Promise<DemoSignIns | null> {
  if (!on) {
    await removeDemo(db, sessions);
    return null;
  }
  await db.insertInto('school').values(demoSchools.map((s) => ({ ...s, bureau_id: FIRST_BUREAU, demo: 1 }))).onConflict((oc) => oc.doNothing()).execute();
  await db.insertInto('classroom').values(demoClassrooms).onConflict((oc) => oc.doNothing()).execute();
  for (const receiving of ['shanping', 'hewan']) {
    await db.insertInto('pairing').values({ id: `demo-${receiving}`, support_school_id: 'chengguan', receiving_school_id: receiving, created_at: Date.now() }).onConflict((oc) => oc.doNothing()).execute();
  }
  const password = newInitialPassword();
  let teacher = await db.selectFrom('account').select('id').where('login', '=', DEMO_TEACHER).executeTakeFirst();
  if (!teacher) {
    const { account } = await enrolPerson(db, { login: DEMO_TEACHER, name: '王老师', role: 'teacher', bureauId: FIRST_BUREAU, schoolId: 'chengguan', staffNumber: 'DEMO-001', password, demo: true });
    teacher = { id: account.id };
  } else {
    await setPassword(db, teacher.id, password, false);
    await db.updateTable('account').set({ disabled_at: null }).where('id', '=', teacher.id).execute();
  }
  const lesson = await db.selectFrom('lesson').select('id').where('id', '=', 'demo').executeTakeFirst();
  if (!lesson) {
    await createLesson(db, { id: 'demo', title: '示范课', teacherAccountId: teacher.id, teacherName: '王老师', hostClassroomId: 'chengguan-4-1', classroomIds: ['shanping-4', 'hewan-4-2'], demo: true });
  } else {
    await db.updateTable('lesson').set({ teacher_account_id: teacher.id, demo: 1 }).where('id', '=', 'demo').execute();
  }
  const classrooms = [];
  for (const room of demoClassrooms.slice(1)) {
    const id = `demo-${room.id}`;
    const existing = await db.selectFrom('terminal').select(['id', 'revoked_at']).where('id', '=', id).executeTakeFirst();
    if (!existing) await createTerminal(db, room.id, `${room.name} 终端`, id);
    else if (existing.revoked_at !== null) await db.updateTable('terminal').set({ revoked_at: null }).where('id', '=', id).execute();
    const expiresAt = Date.now() + linkMs;
    const credential = await sessions.signer.link('terminal', id, expiresAt, newSecret());
    await setTerminalLink(db, id, hashSecret(credential), expiresAt);
    const school = demoSchools.find((s) => s.id === room.school_id)!;
    classrooms.push({ name: `${school.name} · ${room.name}`, url: `${publicUrl}/t#t=${credential}` });
  }
  return { lessonId: 'demo', teacher: { login: DEMO_TEACHER, password, name: '王老师' }, classrooms };
}

async function removeDemo(db: Db, sessions: SessionStore): Promise<void> {
  if (await db.selectFrom('lesson').select('id').where('id', '=', 'demo').executeTakeFirst()) await deleteLesson(db, 'demo');
  for (const { id } of await db.selectFrom('account').select('id').where('demo', '=', 1).where('disabled_at', 'is', null).execute()) {
    await db.updateTable('account').set({ disabled_at: Date.now(), password_hash: await hashPassword(newSecret()) }).where('id', '=', id).execute();
    await sessions.revokeAllOf(id, 'disabled');
  }
  for (const { id } of await db.selectFrom('terminal').select('id').where('id', 'like', 'demo-%').where('revoked_at', 'is', null).execute()) {
    await revokeTerminal(db, id);
    await sessions.revokeAllOf(id, 'revoked');
  }
}
