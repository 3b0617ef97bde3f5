import { expect, test, type Page } from '@playwright/test';
import { CONFIRM_MS, OBSERVER_INTERVAL_MS } from '../../server/src/lesson/directing/speakerSwitch.js';
import { scheduleLesson } from '../../testkit/adminApi.js';
import { followLesson, type LessonFeed } from '../../testkit/lessonEvents.js';
import { startServer } from '../../testkit/serverProcess.js';
import { Classrooms } from '../support/browsers.js';
import { recordTiming, timeUntil } from '../support/timing.js';

const mainViewOf = (page: Page): Promise<string | null> => page.getByTestId('main-view').getAttribute('data-participant-id');

/** The times the SFU resumed or paused a participant's microphone since `from`. */
const microphoneToggles = (feed: LessonFeed, participantId: string, from: number): Array<{ at: number; paused: boolean }> =>
  feed
    .since('trackpaused', from)
    .filter((e) => e.track.participantId === participantId && e.track.kind === 'audio')
    .map((e) => ({ at: e.at, paused: e.track.paused }));

/**
 * Unmutes a classroom and returns how long after its audio started (the SFU
 * resumed its microphone) automatic directing moved the main view to it, both
 * from the lesson's event feed with the server's times: the directing
 * decision itself, without the time a loaded test browser takes to repaint.
 * The pages must then show it too.
 */
async function speakAndTime(feed: LessonFeed, classroom: Page, pages: Page[], speakerId: string): Promise<number> {
  const from = Date.now();
  await classroom.getByTestId('self-mute').click();
  let movedAt = 0;
  await timeUntil(async () => {
    movedAt = feed.since('mainviewchanged', from).find((e) => e.mainView.participantId === speakerId)?.at ?? 0;
    return movedAt > 0;
  }, 15_000, 'main view follows the speaker');
  const resumed = microphoneToggles(feed, speakerId, from).find((t) => !t.paused);
  const elapsed = movedAt - resumed!.at;
  recordTiming('speaker_to_main_view_ms', elapsed);
  for (const page of pages) await expect(page.getByTestId('main-view')).toHaveAttribute('data-participant-id', speakerId);
  return elapsed;
}

test('automatic directing follows the floor holder who speaks, and ignores a short noise', async () => {
  // Two floor holders at once, so directing has two voices to choose between.
  const server = await startServer({ env: { FLOOR_MAX_HOLDERS: '2' } });
  const rooms = new Classrooms();
  let feed: LessonFeed | null = null;
  try {
    const links = await scheduleLesson({ title: '自动导播' }, server);
    const a = links.classrooms.find((c) => c.classroomId === 'shanping-4')!;
    const b = links.classrooms.find((c) => c.classroomId === 'hewan-4-2')!;
    const idA = `classroom:${a.classroomId}`;
    const idB = `classroom:${b.classroomId}`;
    const teacher = await rooms.open(links.teacher, 'silence');
    const classroomA = await rooms.open(a.url, 'speech');
    const classroomB = await rooms.open(b.url, 'speech');
    // The lesson is live once the teacher's page has joined; follow its events from then on.
    await expect.poll(() => followLesson(links.lessonId, server).then((f) => ((feed = f), true), () => false)).toBe(true);
    const events = feed!;

    // Both classrooms mute themselves, raise hands, and get the floor (B last, so B is on the main view).
    for (const page of [classroomA, classroomB]) {
      await expect(page.getByTestId('self-mute')).toBeEnabled({ timeout: 45_000 });
      await page.getByTestId('self-mute').click();
      await page.getByTestId('raise-hand').click();
    }
    for (const id of [idA, idB]) {
      await teacher.locator(`[data-testid="hand-entry"][data-participant-id="${id}"] [data-testid="grant-floor"]`).click();
      await expect(teacher.getByTestId('main-view')).toHaveAttribute('data-participant-id', id);
    }
    await teacher.waitForTimeout(2500);

    // A starts speaking: every main view moves to A within 2 s of its audio starting.
    // Target 2 s; recorded, and only a far slower switch fails on a loaded machine.
    expect(await speakAndTime(events, classroomA, [teacher, classroomB], idA)).toBeLessThanOrEqual(10_000);
    await expect(classroomB.getByTestId('main-view')).toHaveAttribute('data-participant-id', idA);
    await expect(teacher.locator(`[data-participant-id="${idA}"] [data-testid="speaking-indicator"]`).first()).toBeVisible();
    await classroomA.getByTestId('self-mute').click();
    await teacher.waitForTimeout(2500);

    // B makes a short noise (a cough: the page unmutes for 0.4 s): the SFU
    // hears it (B shows as speaking) but the view stays on A. On a loaded
    // machine the mute can arrive late and stretch the cough; a stretched one
    // (open ≥ 0.5 s at the SFU) may rightly switch, so the cough is repeated
    // until one was heard and ignored, and no cough under 0.5 s may switch.
    let ignored = 0;
    for (let attempt = 0; attempt < 6 && ignored === 0; attempt++) {
      const from = Date.now();
      await classroomB.evaluate(async () => {
        const { media } = (window as unknown as { tongtang: { media: { setMicrophonePaused(paused: boolean): Promise<void> } } }).tongtang;
        await media.setMicrophonePaused(false);
        await new Promise((resolve) => setTimeout(resolve, 400));
        await media.setMicrophonePaused(true);
      });
      await teacher.waitForTimeout(2500);
      const toggles = microphoneToggles(events, idB, from);
      const open = toggles.length === 2 && !toggles[0]!.paused ? toggles[1]!.at - toggles[0]!.at : Infinity;
      const heard = events.since('speakingchanged', from).some((e) => e.speaking.includes(idB));
      const moved = events.since('mainviewchanged', from).length > 0;
      console.log(`[directing] cough open ${open} ms at the SFU, heard: ${heard}, view moved: ${moved}`);
      if (moved) {
        expect(open).toBeGreaterThanOrEqual(CONFIRM_MS - OBSERVER_INTERVAL_MS);
        // A real turn after all: give the view back to A, then quiet A again.
        await speakAndTime(events, classroomA, [teacher], idA);
        await classroomA.getByTestId('self-mute').click();
        await teacher.waitForTimeout(2500);
      } else if (heard) {
        ignored++;
        expect(await mainViewOf(teacher)).toBe(idA);
      }
    }
    expect(ignored).toBe(1);

    // B speaks for real: the view moves to B.
    expect(await speakAndTime(events, classroomB, [teacher, classroomA], idB)).toBeLessThanOrEqual(10_000);
  } finally {
    // The directing decisions with their times, to read when this test fails.
    const decisions = (feed as LessonFeed | null)?.events.filter((e) => ['mainviewchanged', 'speakingchanged', 'trackpaused'].includes(e.event)) ?? [];
    console.log(decisions.map((e) => JSON.stringify(e)).join('\n'));
    (feed as LessonFeed | null)?.close();
    await rooms.close();
    await server.stop();
  }
});
