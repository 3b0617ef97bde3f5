/** The teacher's participant id; classrooms are `classroom:<classroomId>`. */
export const TEACHER_ID = 'teacher';

/**
 * Whom this page shows large, given whom the server directs every main view to.
 * A classroom never watches itself large (its class is in the room): it sees the
 * teacher instead. Someone who just left, before the server's notice arrives,
 * leaves no empty main view behind: the teacher takes it.
 */
export function mainViewTarget(directed: string, selfId: string | null, presentIds: readonly string[]): string {
  if (directed === TEACHER_ID) return TEACHER_ID;
  if (directed === selfId) return TEACHER_ID;
  return presentIds.includes(directed) ? directed : TEACHER_ID;
}
