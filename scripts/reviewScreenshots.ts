/**
 * `npm run screenshots:review`: starts a server on loopback and teaches a
 * real short lesson in Chromium (teacher, two paired classrooms, a hidden
 * observer; fake cameras): it is recorded, classroom A raises a hand and is
 * given the floor, then B, then a discussion; the observer comments twice.
 * After 下课 the directed view is built, a rubric is written and three
 * observers score the lesson (one leaves a criterion out), one more comment
 * is added on the replay. Saved under docs/screenshots/review/: the
 * observer's view, the replay with its comment markers, the score sheet,
 * the lesson report (whole page) and the ranking. Nothing leaves 127.0.0.1.
 */
import { chromium, type Browser, type Page } from '@playwright/test';
import { screenshotFolder } from './support/screenshotFolder.js';
import { lessonCommentSchema, lessonScoringSchema, rubricSchema } from '../shared/src/index.js';
import { adminToken, apiCall, createPerson, scheduleLesson, signIn } from '../testkit/adminApi.js';
import { chromiumArgs } from '../testkit/chromium.js';
import { LessonPages } from '../testkit/lessonPages.js';
import { openTarget } from '../testkit/pageTarget.js';
import { recordingRows, waitForDirectedView } from '../testkit/recordings.js';
import { startServer } from '../testkit/serverProcess.js';

const { shot, saved } = screenshotFolder('docs/screenshots/review');
const sleep = (ms: number): Promise<void> => new Promise((r) => setTimeout(r, ms));

const server = await startServer();
const pages = new LessonPages(true);
let browser: Browser | null = null;
try {
  const teacherLogin = await createPerson({ role: 'teacher', schoolId: 'chengguan', name: '陈老师' }, server);
  const lesson = await scheduleLesson({ title: '四年级数学 · 分数的初步认识', subject: '数学', grade: '四年级', teacher: teacherLogin, classroomIds: ['shanping-4', 'hewan-4-2'] }, server);
  const [a, b] = ['shanping-4', 'hewan-4-2'].map((id) => lesson.classrooms.find((c) => c.classroomId === id)!);
  const teacher = await pages.open(lesson.teacher, 'teacher');
  const classroomA = await pages.open(a!.url, 'classroom A');
  const classroomB = await pages.open(b!.url, 'classroom B');
  const watcher = await createPerson({ role: 'observer', name: '林老师' }, server);
  await teacher.getByTestId('start-lesson').click();
  await teacher.locator('[data-testid="lesson-status"][data-status="live"]').waitFor();
  await sleep(2000);
  await teacher.getByTestId('record-button').click();
  await teacher.getByTestId('recording-badge').waitFor();
  const observer = await pages.open({ url: `${server.url}/lesson/${lesson.lessonId}/watch`, signIn: watcher }, 'observer');
  await observer.getByTestId('watch-page').waitFor();

  const grant = async (classroom: Page, participantId: string) => {
    await classroom.getByTestId('raise-hand').click();
    await sleep(2500);
    await teacher.locator(`[data-testid="hand-entry"][data-participant-id="${participantId}"] [data-testid="grant-floor"]`).click();
    await teacher.locator(`[data-testid="floor-holder"][data-holder-id="${participantId}"]`).waitFor();
  };
  const comment = async (text: string) => {
    await observer.getByTestId('comment-text').fill(text);
    await observer.getByTestId('comment-send').click();
    await observer.getByTestId('comment-sent').filter({ hasText: text }).waitFor();
  };
  await sleep(3000);
  await comment('导入用折纸，学生兴趣高');
  await grant(classroomA, 'classroom:shanping-4');
  await sleep(5000);
  await teacher.locator('[data-testid="floor-holder"][data-holder-id="classroom:shanping-4"] [data-testid="revoke-floor"]').click();
  await grant(classroomB, 'classroom:hewan-4-2');
  await sleep(2000);
  await comment('河湾小学的回答很完整，可以多给乡村学生机会');
  await shot(observer, 'observer-view');
  await sleep(2000);
  await teacher.getByTestId('discussion-toggle').click();
  await sleep(5000);
  await teacher.getByTestId('discussion-toggle').click();
  await sleep(1000);
  await teacher.getByTestId('end-lesson').click();
  let recordingId = '';
  for (const deadline = Date.now() + 20_000; Date.now() < deadline && !recordingId; await sleep(300)) {
    const [row] = recordingRows(server.dataDir, lesson.lessonId);
    if (row?.status === 'complete') recordingId = row.id;
  }
  await pages.close();
  if (!recordingId) throw new Error('the recording did not complete at 下课');
  await waitForDirectedView(server.dataDir, recordingId);

  // 评课: a bureau rubric, scoring opened, three observers' scores, one comment on the replay.
  const admin = await adminToken(server);
  const rubric = await apiCall(server.url, '/rubrics', rubricSchema, {
    token: admin,
    body: {
      name: '县级课堂教学评价表',
      schoolId: null,
      criteria: [
        { id: 'design', name: '教学设计', weight: 20, min: 0, max: 10, descriptors: [{ score: 10, text: '目标明确，重难点突出' }, { score: 6, text: '目标基本明确' }] },
        { id: 'interaction', name: '师生互动', weight: 30, min: 0, max: 10, descriptors: [{ score: 10, text: '各校学生都有发言，互动自然' }, { score: 6, text: '互动集中在主讲校' }] },
        { id: 'effect', name: '教学效果', weight: 30, min: 0, max: 10, descriptors: [] },
        { id: 'craft', name: '教学素养', weight: 20, min: 0, max: 5, descriptors: [{ score: 5, text: '语言准确，板书清晰' }] },
      ],
    },
  });
  await apiCall(server.url, `/lessons/${lesson.lessonId}/scoring`, lessonScoringSchema, { token: admin, body: { rubricId: rubric.id } });
  const sheets = [
    { design: 9, interaction: 8, effect: 9, craft: 4 },
    { design: 8, interaction: 6, effect: 8, craft: 5 },
    { design: 9, interaction: 7, effect: 8 },
  ];
  const scorers = [];
  const tokens: string[] = [];
  for (const [i, scores] of sheets.entries()) {
    const person = await createPerson({ role: 'observer', name: ['林老师', '周老师', '吴老师'][i]! }, server);
    const token = (await signIn(server.url, person.login, person.password)).accessToken;
    await apiCall(server.url, `/lessons/${lesson.lessonId}/score`, lessonScoringSchema, { token, body: { scores } });
    scorers.push(person);
    tokens.push(token);
  }
  // More lessons of the same subject and grade for the ranking: two tied, one with too few scorers.
  const others = [
    { title: '四年级数学 · 小数的意义', sheets: [{ design: 8, interaction: 8, effect: 7, craft: 4 }, { design: 7, interaction: 9, effect: 8, craft: 4 }, { design: 8, interaction: 8, effect: 8, craft: 4 }] },
    { title: '四年级数学 · 三角形的认识', sheets: [{ design: 7, interaction: 9, effect: 8, craft: 4 }, { design: 8, interaction: 8, effect: 8, craft: 4 }, { design: 8, interaction: 8, effect: 7, craft: 4 }] },
    { title: '四年级数学 · 观察物体', sheets: [{ design: 10, interaction: 9, effect: 9, craft: 5 }] },
  ];
  for (const other of others) {
    const planned = await scheduleLesson({ title: other.title, subject: '数学', grade: '四年级', classroomIds: ['shanping-4'] }, server);
    await apiCall(server.url, `/lessons/${planned.lessonId}/scoring`, lessonScoringSchema, { token: admin, body: { rubricId: rubric.id } });
    for (const [i, scores] of other.sheets.entries()) await apiCall(server.url, `/lessons/${planned.lessonId}/score`, lessonScoringSchema, { token: tokens[i]!, body: { scores } });
  }
  const comments = await apiCall(server.url, `/lessons/${lesson.lessonId}/comments`, lessonCommentSchema.array(), { token: admin });
  await apiCall(server.url, `/lessons/${lesson.lessonId}/comments`, lessonCommentSchema, { token: admin, body: { text: '讨论环节三校同时发言，组织有序', at: comments.at(-1)!.at + 8000 } });

  browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: chromiumArgs });
  const desk = async (who: { login: string; password: string }, url: string) => {
    const page = await (await browser!.newContext({ viewport: { width: 1280, height: 800 } })).newPage();
    await openTarget(page, { url, signIn: who });
    return page;
  };
  const player = await desk(teacherLogin, `${server.url}/library/recording/${recordingId}`);
  await player.getByTestId('player-video').waitFor();
  await player.locator('[data-testid="replay-comment"]').first().waitFor();
  // At the second comment's moment, a frame decoded there.
  await player.locator('[data-testid="replay-comment"]').nth(1).click();
  await player.getByTestId('player-video').evaluate((v: HTMLVideoElement) => new Promise((r) => v.requestVideoFrameCallback(() => r(null))));
  await player.waitForTimeout(500);
  await shot(player, 'replay-markers', true);
  const sheet = await desk(scorers[2]!, `${server.url}/lesson/${lesson.lessonId}/review`);
  await sheet.getByTestId('score-sheet').waitFor();
  await shot(sheet, 'score-sheet', true);
  const report = await desk(teacherLogin, `${server.url}/lesson/${lesson.lessonId}/review`);
  await report.getByTestId('report-total').waitFor();
  await report.waitForTimeout(500);
  await shot(report, 'lesson-report', true);
  const ranking = await desk({ login: 'admin', password: server.adminPassword }, `${server.url}/ranking`);
  await ranking.getByTestId('ranking-row').first().waitFor();
  await shot(ranking, 'ranking', true);
  console.log(`saved ${saved.join(', ')}`);
} finally {
  await pages.close();
  await browser?.close();
  await server.stop();
}
