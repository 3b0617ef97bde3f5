import { expect, test, type Page } from '@playwright/test';
import { CONFIRM_MS, OBSERVER_INTERVAL_MS } from '../../server/src/features/directing/speakerSwitch.js';
import { scheduleLesson } from '../../testkit/adminApi.js';
import { startServer, type ServerProcess } from '../../testkit/serverProcess.js';
import { Classrooms } from '../support/browsers.js';
import { recordTiming, timeUntil } from '../support/timing.js';

const mainViewOf = (page: Page): Promise<string | null> => page.getByTestId('main-view').getAttribute('data-participant-id');

interface LogLine {
  time: number;
  msg: string;
  type?: string;
  participantId?: string;
  mainView?: { participantId: string };
}

const logLines = (server: ServerProcess): LogLine[] =>
  server
    .output()
    .split('\n')
    .filter((line) => line.startsWith('{'))
    .map((line) => JSON.parse(line) as LogLine);

/**
 * Unmutes a classroom and returns how long after its audio started (the SFU
 * resumed its microphone) automatic directing moved the main view to it, both
 * from the server's log: the directing decision itself, without the time a
 * loaded test browser takes to repaint. The pages must then show it too.
 */
async function speakAndTime(server: ServerProcess, classroom: Page, pages: Page[], speakerId: string): Promise<number> {
  const from = Date.now();
  await classroom.getByTestId('self-mute').click();
  let moved: LogLine | undefined;
  await timeUntil(async () => {
    moved = logLines(server).find((l) => l.time >= from && l.msg === 'main view changed' && l.mainView?.participantId === speakerId);
    return moved !== undefined;
  }, 15_000, 'main view follows the speaker');
  const resumed = logLines(server).find((l) => l.time >= from && l.type === 'setProducerPaused' && l.participantId === speakerId);
  const elapsed = moved!.time - resumed!.time;
  recordTiming('speaker_to_main_view_ms', elapsed);
  for (const page of pages) await expect(page.getByTestId('main-view')).toHaveAttribute('data-participant-id', speakerId);
  return elapsed;
}

test('automatic directing follows the floor holder who speaks, and ignores a short noise', async () => {
  // Two floor holders at once, so directing has two voices to choose between.
  const server = await startServer({ env: { FLOOR_MAX_HOLDERS: '2', LOG_LEVEL: 'debug' } });
  const rooms = new Classrooms();
  try {
    const links = await scheduleLesson({ title: '自动导播' }, server);
    const a = links.classrooms.find((c) => c.classroomId === 'shanping-4')!;
    const b = links.classrooms.find((c) => c.classroomId === 'hewan-4-2')!;
    const idA = `classroom:${a.classroomId}`;
    const idB = `classroom:${b.classroomId}`;
    const teacher = await rooms.open(links.teacher, 'silence');
    const classroomA = await rooms.open(a.url, 'speech');
    const classroomB = await rooms.open(b.url, 'speech');

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
    expect(await speakAndTime(server, classroomA, [teacher, classroomB], idA)).toBeLessThanOrEqual(10_000);
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
      const lines = logLines(server).filter((l) => l.time >= from);
      const toggles = lines.filter((l) => l.type === 'setProducerPaused' && l.participantId === idB);
      const open = toggles.length === 2 ? toggles[1]!.time - toggles[0]!.time : Infinity;
      const heard = lines.some((l) => l.msg === 'speaking changed' && (l as { speaking?: string[] }).speaking?.includes(idB));
      const moved = lines.some((l) => l.msg === 'main view changed');
      console.log(`[directing] cough open ${open} ms at the SFU, heard: ${heard}, view moved: ${moved}`);
      if (moved) {
        expect(open).toBeGreaterThanOrEqual(CONFIRM_MS - OBSERVER_INTERVAL_MS);
        // A real turn after all: give the view back to A, then quiet A again.
        await speakAndTime(server, classroomA, [teacher], idA);
        await classroomA.getByTestId('self-mute').click();
        await teacher.waitForTimeout(2500);
      } else if (heard) {
        ignored++;
        expect(await mainViewOf(teacher)).toBe(idA);
      }
    }
    expect(ignored).toBe(1);

    // B speaks for real: the view moves to B.
    expect(await speakAndTime(server, classroomB, [teacher, classroomA], idB)).toBeLessThanOrEqual(10_000);
  } finally {
    // The directing decisions with their times, to read when this test fails.
    console.log(server.output().split('\n').filter((line) => /main view changed|speaking changed|setProducerPaused/.test(line)).join('\n'));
    await rooms.close();
    await server.stop();
  }
});
