import { expect, test, type Page } from '@playwright/test';
import { Classrooms } from '../support/browsers.js';
import { cameraFile } from '../support/cameraFile.js';
import { expectDecoding } from '../support/decoding.js';
import { scheduleLesson } from '../../testkit/adminApi.js';
import { inboundStats } from '../../testkit/inboundStats.js';
import { serverConsumers } from '../support/lesson.js';
import { outboundStats } from '../support/supportClassroom.js';

/** The size `page` decodes `senderId`'s camera at now, as "W×H" (getStats inbound-rtp frameWidth × frameHeight). */
async function decodedSize(page: Page, senderId: string): Promise<string> {
  const row = (await inboundStats(page)).find((r) => r.participantId === senderId && r.kind === 'video');
  return `${row?.frameWidth ?? 0}×${row?.frameHeight ?? 0}`;
}

/** Waits until `page` decodes `senderId` at `size`: the encoder and the SFU's estimate take a few seconds to reach a top layer. */
async function expectDecodedAt(page: Page, senderId: string, size: string, where: string): Promise<void> {
  await expect
    .poll(() => decodedSize(page, senderId), { message: `${where} decodes ${senderId} at ${size}`, intervals: [1000], timeout: 45_000 })
    .toBe(size);
  console.log(`[camera-resolution] ${where}: ${senderId} decoded at ${size}`);
}

/**
 * Puts a moving 640×360 picture (a canvas) in place of the page's camera, as
 * a smaller camera swapped in would be: the same replaceTrack without
 * renegotiation; null puts the camera back.
 */
async function swapCameraFor640x360(page: Page, swap: boolean): Promise<void> {
  await page.evaluate(async (swap) => {
    type Media = { substituteOutgoing(kind: 'video', track: MediaStreamTrack | null): Promise<void> };
    const { media } = (window as unknown as { tongtang: { media: Media } }).tongtang;
    if (!swap) return media.substituteOutgoing('video', null);
    const canvas = Object.assign(document.createElement('canvas'), { width: 640, height: 360 });
    const context = canvas.getContext('2d')!;
    let frame = 0;
    setInterval(() => {
      context.fillStyle = `hsl(${(frame * 7) % 360} 60% 45%)`;
      context.fillRect(0, 0, 640, 360);
      context.fillStyle = '#fff';
      context.fillRect((frame * 16) % 600, 60, 40, 240);
      frame++;
    }, 100);
    return media.substituteOutgoing('video', canvas.captureStream(10).getVideoTracks()[0]!);
  }, swap);
}

/**
 * Cameras of different sizes: the teacher's delivers 1280×720, classroom A's
 * 640×360 and classroom B's 320×180 (a y4m file each, played by Chromium's
 * fake camera at exactly that size). Wherever a camera is shown large it must
 * arrive at its full size, and wherever it is a small tile at its lowest
 * layer (320×180) — not the half-size layer upscaled, which is what fixed
 * ¼, ½, 1 encodings gave a 640×360 camera (libwebrtc drops the top layer a
 * 640×360 input cannot fill).
 */
test('every camera is shown large at its own full resolution and small at its lowest layer, also after a swap', async () => {
  const links = await scheduleLesson({ title: '摄像头分辨率' });
  const a = links.classrooms.find((c) => c.classroomId === 'shanping-4')!;
  const b = links.classrooms.find((c) => c.classroomId === 'hewan-4-2')!;
  const idA = `classroom:${a.classroomId}`;
  const idB = `classroom:${b.classroomId}`;
  const rooms = new Classrooms();
  try {
    const [hd, sd, small] = await Promise.all([cameraFile(1280, 720), cameraFile(640, 360), cameraFile(320, 180)]);
    const teacher = await rooms.open(links.teacher, 'silence', { file: hd });
    const classroomA = await rooms.open(a.url, 'silence', { file: sd });
    const classroomB = await rooms.open(b.url, 'silence', { file: small });
    await expectDecoding(classroomA, 'teacher', ['video']);
    await expectDecoding(teacher, idA, ['video']);

    // The teacher fills both classrooms' screens; the classrooms are tiles everywhere.
    await expectDecodedAt(classroomA, 'teacher', '1280×720', 'classroom A, main view');
    await expectDecodedAt(classroomB, 'teacher', '1280×720', 'classroom B, main view');
    await expectDecodedAt(teacher, idA, '320×180', 'teacher, tile');
    await expectDecodedAt(classroomB, idA, '320×180', 'classroom B, tile');
    await expectDecodedAt(teacher, idB, '320×180', 'teacher, tile');
    await expectDecodedAt(classroomA, idB, '320×180', 'classroom A, tile');

    // A gets the floor: its camera moves to the main view of the teacher and of B.
    await classroomA.getByTestId('raise-hand').click();
    await teacher.locator(`[data-testid="hand-entry"][data-participant-id="${idA}"] [data-testid="grant-floor"]`).click();
    await expect(teacher.getByTestId('main-view')).toHaveAttribute('data-participant-id', idA);
    await expect(classroomB.getByTestId('main-view')).toHaveAttribute('data-participant-id', idA);
    await expectDecodedAt(teacher, idA, '640×360', 'teacher, main view');
    await expectDecodedAt(classroomB, idA, '640×360', 'classroom B, main view');
    // The teacher, now a tile at B, drops to her lowest layer there; A, where she stays large, keeps 720p.
    await expectDecodedAt(classroomB, 'teacher', '320×180', 'classroom B, tile');
    await expectDecodedAt(classroomA, 'teacher', '1280×720', 'classroom A, main view');

    // A's browser sends its camera's full size as its top layer. The SFU is asked for
    // the large layer (2) and forwards the best A sends at or below it: A's top.
    await expect.poll(async () => (await outboundStats(classroomA)).find((s) => s.source === 'students')?.frameWidth).toBe(640);
    const atB = async (): Promise<{ preferred: number | null; current: number | null } | undefined> => {
      const consumer = (await serverConsumers(links.lessonId, idB)).find((c) => c.from === idA && c.kind === 'video');
      return consumer && { preferred: consumer.preferredSpatialLayer, current: consumer.currentSpatialLayer };
    };
    await expect.poll(atB).toEqual({ preferred: 2, current: 1 });

    // The teacher's camera is swapped for a 640×360 one while she is large at A: her layers
    // follow it (the top layer is 640×360, not 320×180), and follow back to 720p.
    await swapCameraFor640x360(teacher, true);
    await expectDecodedAt(classroomA, 'teacher', '640×360', 'classroom A, main view, smaller camera swapped in');
    await expectDecodedAt(classroomB, 'teacher', '320×180', 'classroom B, tile, smaller camera swapped in');
    await swapCameraFor640x360(teacher, false);
    await expectDecodedAt(classroomA, 'teacher', '1280×720', 'classroom A, main view, camera back');
  } finally {
    await rooms.close();
  }
});
