import type { Bureau, Classroom, Pairing, School } from '@shared';
import { newId } from './ids.js';
import type { Db } from './database.js';

/** Bureaus, schools, classrooms and pairings (结对): the organisation every permission's scope refers to. */

export const bureaus = (db: Db): Promise<Bureau[]> => db.selectFrom('bureau').select(['id', 'name']).orderBy('name').execute();

export async function schools(db: Db, bureauId: string): Promise<School[]> {
  const rows = await db.selectFrom('school').selectAll().where('bureau_id', '=', bureauId).orderBy('name').execute();
  return rows.map((r) => ({ id: r.id, bureauId: r.bureau_id, name: r.name, kind: r.kind, recordLessons: r.record_lessons === 1 }));
}

export async function school(db: Db, id: string): Promise<School | null> {
  const r = await db.selectFrom('school').selectAll().where('id', '=', id).executeTakeFirst();
  return r ? { id: r.id, bureauId: r.bureau_id, name: r.name, kind: r.kind, recordLessons: r.record_lessons === 1 } : null;
}

/** 录制: whether every lesson the school hosts records by itself. */
export async function setSchoolRecording(db: Db, schoolId: string, recordLessons: boolean): Promise<void> {
  await db.updateTable('school').set({ record_lessons: recordLessons ? 1 : 0 }).where('id', '=', schoolId).execute();
}

export async function createSchool(db: Db, bureauId: string, name: string, kind: School['kind']): Promise<School> {
  const id = newId('sch');
  await db.insertInto('school').values({ id, bureau_id: bureauId, name, kind, demo: 0 }).execute();
  return { id, bureauId, name, kind, recordLessons: false };
}

const classroomColumns = ['classroom.id', 'classroom.school_id', 'classroom.name', 'school.name as school_name', 'school.bureau_id'] as const;
type ClassroomRow = { id: string; school_id: string; name: string; school_name: string; bureau_id: string };
const classroomView = (r: ClassroomRow): Classroom => ({ id: r.id, schoolId: r.school_id, schoolName: r.school_name, name: r.name });

/** A classroom with its school's bureau (for scope checks). */
export async function classroom(db: Db, id: string): Promise<(Classroom & { bureauId: string }) | null> {
  const r = await db.selectFrom('classroom').innerJoin('school', 'school.id', 'classroom.school_id').select(classroomColumns).where('classroom.id', '=', id).executeTakeFirst();
  return r ? { ...classroomView(r), bureauId: r.bureau_id } : null;
}

/** The classrooms of these schools. */
export async function classroomsOf(db: Db, schoolIds: readonly string[]): Promise<Classroom[]> {
  if (schoolIds.length === 0) return [];
  const rows = await db
    .selectFrom('classroom')
    .innerJoin('school', 'school.id', 'classroom.school_id')
    .select(classroomColumns)
    .where('classroom.school_id', 'in', [...schoolIds])
    .orderBy('school.name')
    .orderBy('classroom.name')
    .execute();
  return rows.map(classroomView);
}

export async function createClassroom(db: Db, schoolId: string, name: string): Promise<Classroom> {
  const id = newId('cls');
  await db.insertInto('classroom').values({ id, school_id: schoolId, name }).execute();
  return (await classroom(db, id))!;
}

const pairingQuery = (db: Db) =>
  db
    .selectFrom('pairing')
    .innerJoin('school as support', 'support.id', 'pairing.support_school_id')
    .innerJoin('school as receiving', 'receiving.id', 'pairing.receiving_school_id')
    .select(['pairing.id', 'pairing.support_school_id', 'support.name as support_name', 'pairing.receiving_school_id', 'receiving.name as receiving_name', 'support.bureau_id']);

type PairingRow = { id: string; support_school_id: string; support_name: string; receiving_school_id: string; receiving_name: string };
const pairingView = (r: PairingRow): Pairing => ({
  id: r.id,
  supportSchoolId: r.support_school_id,
  supportSchoolName: r.support_name,
  receivingSchoolId: r.receiving_school_id,
  receivingSchoolName: r.receiving_name,
});

export async function pairings(db: Db, bureauId: string): Promise<Pairing[]> {
  return (await pairingQuery(db).where('support.bureau_id', '=', bureauId).orderBy('support.name').execute()).map(pairingView);
}

export async function pairing(db: Db, id: string): Promise<(Pairing & { bureauId: string }) | null> {
  const r = await pairingQuery(db).where('pairing.id', '=', id).executeTakeFirst();
  return r ? { ...pairingView(r), bureauId: r.bureau_id } : null;
}

export async function createPairing(db: Db, supportSchoolId: string, receivingSchoolId: string, id = newId('pair')): Promise<Pairing> {
  await db.insertInto('pairing').values({ id, support_school_id: supportSchoolId, receiving_school_id: receivingSchoolId, created_at: Date.now() }).execute();
  return (await pairing(db, id))!;
}

export const deletePairing = (db: Db, id: string) => db.deleteFrom('pairing').where('id', '=', id).execute();

/** The schools a school teaches with: its pairings either way. */
export async function pairedSchools(db: Db, schoolId: string): Promise<string[]> {
  const rows = await db.selectFrom('pairing').select(['support_school_id', 'receiving_school_id'])
    .where((eb) => eb.or([eb('support_school_id', '=', schoolId), eb('receiving_school_id', '=', schoolId)]))
    .execute();
  return rows.map((r) => (r.support_school_id === schoolId ? r.receiving_school_id : r.support_school_id));
}
