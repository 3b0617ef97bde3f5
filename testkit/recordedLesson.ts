import { join } from 'node:path';
import type { Page } from '@playwright/test';
import { createPerson, scheduleLesson, type ScheduledLesson } from './adminApi.js';
import type { LessonPages } from './lessonPages.js';
import { recordingRows } from './recordings.js';
import type { ServerProcess } from './serverProcess.js';

const sleep = (ms: number): Promise<void> => new Promise((r) => setTimeout(r, ms));

/** What a recorded lesson left: its plan, its recording row and folder, and when (server clock) its chapters happened. */
export interface RecordedLesson {
  lesson: ScheduledLesson;
  teacherName: string;
  recordingId: string;
  dir: string;
  /** Pages still open (the teacher's, classroom A's), for a test that goes on with them. */
  teacher: Page;
}

/**
 * A real short lesson recorded as a teacher does it: her page and classroom
 * A's in Chromium with fake cameras, 开始上课, 开始录制, A raises a hand and
 * is given the floor, the teacher switches to the grid layout, 下课. Each
 * step is `stepMs` apart, so the recording lasts about 4 × stepMs.
 */
export async function recordShortLesson(
  server: ServerProcess,
  pages: LessonPages,
  lesson: { title: string; subject: string; grade: string; teacherName: string; stepMs?: number },
): Promise<RecordedLesson> {
  const step = lesson.stepMs ?? 5000;
  const teacherLogin = await createPerson({ role: 'teacher', schoolId: 'chengguan', name: lesson.teacherName }, server);
  const links = await scheduleLesson({ title: lesson.title, subject: lesson.subject, grade: lesson.grade, teacher: teacherLogin, classroomIds: ['shanping-4', 'hewan-4-2'] }, server);
  const idA = 'classroom:shanping-4';
  const teacher = await pages.open(links.teacher, 'teacher');
  const classroomA = await pages.open(links.classrooms.find((c) => c.classroomId === 'shanping-4')!.url, 'classroom A');
  await teacher.getByTestId('start-lesson').click();
  await teacher.locator('[data-testid="lesson-status"][data-status="live"]').waitFor();
  // The teacher's camera must be on the way before recording starts, or its first seconds are missing.
  await teacher.waitForTimeout(2000);
  await teacher.getByTestId('record-button').click();
  await teacher.getByTestId('recording-badge').waitFor();
  await sleep(step);
  await classroomA.getByTestId('raise-hand').click();
  await teacher.locator(`[data-testid="hand-entry"][data-participant-id="${idA}"] [data-testid="grant-floor"]`).click();
  await teacher.locator(`[data-testid="floor-holder"][data-holder-id="${idA}"]`).waitFor();
  await sleep(step);
  await teacher.getByTestId('directing-grid').click();
  await teacher.locator('[data-testid="directing-grid"][aria-pressed="true"]').waitFor();
  await sleep(step * 2);
  await teacher.getByTestId('end-lesson').click();
  for (const deadline = Date.now() + 20_000; Date.now() < deadline; await sleep(300)) {
    const [row] = recordingRows(server.dataDir, links.lessonId);
    if (row?.status === 'complete') return { lesson: links, teacherName: lesson.teacherName, recordingId: row.id, dir: join(server.dataDir, 'recordings', row.dir), teacher };
  }
  throw new Error('the recording did not complete at 下课');
}
