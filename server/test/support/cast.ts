import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { fileURLToPath } from 'node:url';
import { classroomSchema, schoolSchema, type PrincipalRole } from '@shared';
import {
  adminToken,
  apiCall,
  createGuestLink,
  createPerson,
  firstSignIn,
  guestToken,
  registerTerminal,
  scheduleLesson,
  signIn,
  terminalToken,
  type ScheduledLesson,
} from '../../../testkit/adminApi.js';
import type { ServerProcess } from '../../../testkit/serverProcess.js';

const root = fileURLToPath(new URL('../../..', import.meta.url));

/** One person or device of the cast, and where it belongs (what the permission table's scopes are checked against). */
export interface Member {
  name: string;
  role: PrincipalRole;
  token: string;
  id: string;
  bureau: string;
  school: string | null;
  classroom: string | null;
  lesson: string | null;
}

/**
 * Everyone the permission tests try every call as: in the demo bureau a
 * bureau admin, the city school's admin and a rural school's, two of the city school's teachers (the first
 * teaches `lesson`), a rural assistant teacher, a bureau observer, the
 * terminal of a paired classroom and one of the host classroom (not paired
 * in the lesson), a guest of the lesson and one of another lesson; and the
 * admin of a second bureau on the same server, with a school of its own.
 */
export interface Cast {
  lesson: ScheduledLesson;
  otherLesson: ScheduledLesson;
  members: Member[];
  byName(name: string): Member;
  otherBureau: { id: string; schoolId: string; classroomId: string };
}

const run = promisify(execFile);

/** A second bureau, made as the operator makes one (npm run admin -- add-bureau), and its admin signed in. */
export async function addBureau(server: ServerProcess, id: string): Promise<{ token: string; accountId: string }> {
  const { stdout } = await run(process.execPath, ['--import', 'tsx', 'server/src/cli.ts', 'add-bureau', id, '外县教育局'], {
    cwd: root,
    env: { ...process.env, DATA_DIR: server.dataDir, ...(server.databaseUrl ? { DATABASE_URL: server.databaseUrl } : {}), LOG_LEVEL: 'silent' },
  });
  const match = /admin login: (\S+)\s+one-time password: (\S+)/.exec(stdout);
  if (!match) throw new Error(`add-bureau printed: ${stdout}`);
  const credentials = await firstSignIn(server.url, match[1]!, match[2]!);
  const signed = await signIn(server.url, credentials.login, credentials.password);
  return { token: signed.accessToken, accountId: signed.me.id };
}

export async function castOf(server: ServerProcess): Promise<Cast> {
  const token = async (login: { login: string; password: string }) => (await signIn(server.url, login.login, login.password)).accessToken;
  const person = async (name: string, role: PrincipalRole & ('schoolAdmin' | 'teacher' | 'assistant' | 'observer'), school: string | null): Promise<Member> => {
    const created = await createPerson({ role, ...(school ? { schoolId: school } : {}) }, server);
    logins.set(created.accountId, created);
    return { name, role, token: await token(created), id: created.accountId, bureau: 'main', school, classroom: null, lesson: null };
  };
  const teacher = await person('teacher', 'teacher', 'chengguan');
  const lesson = await scheduleLesson({ teacher: logins.get(teacher.id)!, classroomIds: ['shanping-4', 'hewan-4-2'] }, server);
  const otherLesson = await scheduleLesson({ classroomIds: ['shanping-4'] }, server);
  const pairedTerminal = lesson.classrooms.find((c) => c.classroomId === 'shanping-4')!;
  const hostTerminal = await registerTerminal('chengguan-4-1', server);
  // The lesson's guest may also chat (its link grants it); the other lesson's guest only receives.
  const guest = await createGuestLink(lesson.lessonId, lesson.teacherToken, server, ['receive', 'chat']);
  const otherGuest = await createGuestLink(otherLesson.lessonId, otherLesson.teacherToken, server);
  const bureau2 = await addBureau(server, 'other');
  const school2 = await apiCall(server.url, '/schools', schoolSchema, { token: bureau2.token, body: { name: '外县小学', kind: 'support' } });
  const classroom2 = await apiCall(server.url, '/classrooms', classroomSchema, { token: bureau2.token, body: { schoolId: school2.id, name: '一年级' } });
  const admin = await signIn(server.url, 'admin', server.adminPassword);
  const members: Member[] = [
    { name: 'bureauAdmin', role: 'bureauAdmin', token: await adminToken(server), id: admin.me.id, bureau: 'main', school: null, classroom: null, lesson: null },
    await person('schoolAdmin', 'schoolAdmin', 'chengguan'),
    await person('ruralSchoolAdmin', 'schoolAdmin', 'hewan'),
    teacher,
    await person('otherTeacher', 'teacher', 'chengguan'),
    await person('assistant', 'assistant', 'shanping'),
    await person('observer', 'observer', null),
    { name: 'terminal', role: 'terminal', token: pairedTerminal.token, id: pairedTerminal.terminalId, bureau: 'main', school: 'shanping', classroom: 'shanping-4', lesson: null },
    { name: 'hostTerminal', role: 'terminal', token: await terminalToken(hostTerminal.credential, server), id: hostTerminal.terminalId, bureau: 'main', school: 'chengguan', classroom: 'chengguan-4-1', lesson: null },
    { name: 'guest', role: 'guest', token: await guestToken(guest.credential, server), id: guest.guestId, bureau: 'main', school: 'chengguan', classroom: null, lesson: lesson.lessonId },
    { name: 'otherGuest', role: 'guest', token: await guestToken(otherGuest.credential, server), id: otherGuest.guestId, bureau: 'main', school: 'chengguan', classroom: null, lesson: otherLesson.lessonId },
    { name: 'otherBureauAdmin', role: 'bureauAdmin', token: bureau2.token, id: bureau2.accountId, bureau: 'other', school: null, classroom: null, lesson: null },
  ];
  return {
    lesson,
    otherLesson,
    members,
    byName: (name) => members.find((m) => m.name === name) ?? (() => { throw new Error(`no ${name} in the cast`); })(),
    otherBureau: { id: 'other', schoolId: school2.id, classroomId: classroom2.id },
  };
}

/** What createPerson made, by account id: the teacher's credentials schedule her lesson. */
const logins = new Map<string, { login: string; password: string }>();
