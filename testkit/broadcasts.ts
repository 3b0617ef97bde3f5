import { broadcastOutputSchema, broadcastSchema, type Broadcast, type BroadcastOutput } from '../shared/src/index.js';
import { adminToken, apiCall, createPerson, signIn, type AdminTarget } from './adminApi.js';

/** A broadcast taken through its workflow up to 彩排, and the calls to go on with it. */
export interface RehearsingBroadcast {
  id: string;
  lessonId: string;
  /** Access tokens of its teacher (the applicant) and of the bureau's admin. */
  teacher: string;
  /** Her login, for opening her pages signed in. */
  teacherLogin: { login: string; password: string };
  admin: string;
  /** One step of the workflow (`live`, `end` …) as `token`. */
  step(token: string, name: string, body?: unknown): Promise<Broadcast>;
  /** Its outputs as its teacher sees them. */
  output(): Promise<BroadcastOutput>;
  /** Sets its RTMP push address, as the bureau's admin. */
  pushTo(rtmpUrl: string | null): Promise<BroadcastOutput>;
}

/**
 * A new teacher of the demo city school applies to broadcast `title` from her
 * classroom to the public and 山坪's classroom; the bureau approves and
 * schedules it; she opens the rehearsal. Through REST, as the pages do.
 */
export async function rehearsingBroadcast(target: AdminTarget, title: string): Promise<RehearsingBroadcast> {
  const admin = await adminToken(target);
  const person = await createPerson({ role: 'teacher', schoolId: 'chengguan', name: '周老师' }, target);
  const teacher = (await signIn(target.url, person.login, person.password)).accessToken;
  const hour = 3600_000;
  const applied = await apiCall(target.url, '/broadcasts', broadcastSchema, {
    token: teacher,
    body: { title, subject: '数学', grade: '六年级', hostClassroomId: 'chengguan-4-1', startsAt: Date.now() + hour, endsAt: Date.now() + 2 * hour, audience: { public: true, schoolIds: [], classroomIds: ['shanping-4'] }, expectedViewers: 2000 },
  });
  const step = (token: string, name: string, body: unknown = {}) => apiCall(target.url, `/broadcasts/${applied.id}/${name}`, broadcastSchema, { token, body });
  await step(admin, 'approve');
  await step(admin, 'schedule');
  const rehearsing = await step(teacher, 'rehearsal');
  return {
    id: applied.id,
    lessonId: rehearsing.lessonId!,
    teacher,
    teacherLogin: { login: person.login, password: person.password },
    admin,
    step,
    output: () => apiCall(target.url, `/broadcasts/${applied.id}/output`, broadcastOutputSchema, { token: teacher }),
    pushTo: (rtmpUrl) => apiCall(target.url, `/broadcasts/${applied.id}/output`, broadcastOutputSchema, { token: admin, body: { rtmpUrl } }),
  };
}
