import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { JoinedLesson, NoticeOf, UplinkLevel } from '@shared';
import { scheduleLesson } from '../../testkit/adminApi.js';
import { receiveLight, sendSyntheticCamera, type ReceivedBytes } from '../../testkit/light/lightParticipant.js';
import type { MediasoupLink } from '../../testkit/light/mediasoupLink.js';
import type { SyntheticCamera } from '../../testkit/light/syntheticCamera.js';
import { startServer, type ServerProcess } from '../../testkit/serverProcess.js';
import { connectClient, type RawClient } from './support/signallingClient.js';
import { until } from './support/until.js';

/** The send transports' cap for this lesson; a Chromium page obeys it, the synthetic camera ignores it. */
const CAP_KBPS = 1000;
/** Three layers within the cap: 600 kbit/s in all. */
const POLITE = [100_000, 200_000, 300_000];
/** Twice the cap: far over it. */
const OVER = [150_000, 600_000, 1_300_000];
/** Over the cap, but not far over (1.45×): a limited sender stays limited, no more, no less. */
const SOMEWHAT_OVER = [150_000, 0, 1_300_000];
/** Four times the cap: what a broken or hostile terminal sends. */
const FLOOD = [150_000, 600_000, 3_200_000];


/*
 * 上行保护: a terminal that sends far above MAX_UPLINK_KBPS (REMB is advice
 * it ignores) reaches the other classrooms at its lowest layer, then not at
 * all, and the teacher's quality panel is told each step; a polite terminal
 * in the same lesson is untouched; the flooding one is let back once it
 * calms down. Senders and the teacher's receiver are light WebRTC clients
 * (werift) over real DTLS/SRTP to the real SFU.
 */
describe('a terminal that floods its uplink is limited at the SFU', () => {
  let server: ServerProcess;
  let teacher: RawClient;
  const clients: RawClient[] = [];
  const links: MediasoupLink[] = [];
  let flooder: { client: RawClient; camera: SyntheticCamera; producerId: string; participantId: string };
  let polite: { camera: SyntheticCamera; producerId: string; participantId: string };
  let received: Map<string, ReceivedBytes>;

  const guardNotices = (participantId: string): NoticeOf<'uplinkGuard'>[] =>
    teacher.notices.flatMap((n) => (n.type === 'uplinkGuard' && n.state.participantId === participantId ? [n] : []));
  const levelsOf = (participantId: string): UplinkLevel[] => guardNotices(participantId).map((n) => n.state.level);
  const kbpsAtTeacher = (producerId: string): number => received.get(producerId)!.kbps(2000);

  beforeAll(async () => {
    server = await startServer({ env: { MAX_UPLINK_KBPS: String(CAP_KBPS) } });
    const lesson = await scheduleLesson({}, server);
    teacher = await connectClient(server.url, lesson.teacherToken);
    clients.push(teacher);
    const teacherJoined = await teacher.ok<JoinedLesson>({ type: 'joinLesson', lessonId: lesson.lessonId, role: 'teacher' });
    const classroomSending = async (index: number, firstSsrc: number) => {
      const { classroomId, token } = lesson.classrooms[index]!;
      const client = await connectClient(server.url, token);
      clients.push(client);
      const joined = await client.ok<JoinedLesson>({ type: 'joinLesson', lessonId: lesson.lessonId, role: 'classroom', classroomId });
      const sent = await sendSyntheticCamera(client.ok, 'students', POLITE, firstSsrc);
      links.push(sent.link);
      return { client, ...sent, participantId: joined.self.id };
    };
    flooder = await classroomSending(0, 5000);
    polite = await classroomSending(1, 6000);
    const receiving = await receiveLight(teacher.ok, teacherJoined, [flooder.producerId, polite.producerId], 'main');
    links.push(receiving.link);
    received = receiving.received;
  }, 60_000);

  afterAll(async () => {
    flooder?.camera.stop();
    polite?.camera.stop();
    for (const link of links) await link.close().catch(() => undefined);
    for (const client of clients) client.close();
    await server?.stop();
  });

  it('forwards both classrooms at the large view’s layer while they stay within the cap', async () => {
    await until('both cameras arrive at their top layer (≈300 kbit/s)', () => kbpsAtTeacher(flooder.producerId) > 200 && kbpsAtTeacher(polite.producerId) > 200, 15_000);
    await new Promise((r) => setTimeout(r, 4000));
    expect(levelsOf(flooder.participantId)).toEqual([]);
  });

  it('limits a classroom far over the cap to its lowest layer, telling the teacher and the sender', async () => {
    const from = flooder.client.notices.length;
    flooder.camera.setRates(OVER);
    await until('the teacher hears the classroom is limited', () => levelsOf(flooder.participantId).includes('lowest'), 15_000);
    const limited = guardNotices(flooder.participantId)[0]!.state;
    expect(limited.kbps).toBeGreaterThan(CAP_KBPS * 1.5);
    expect(limited.capKbps).toBe(CAP_KBPS);
    // A page that obeys is told to encode only its lowest layer.
    expect((await flooder.client.notice('sendLayers', from)).maxSpatialLayer).toBe(0);
    // This one keeps sending its 1.3 Mbit/s top layer; the SFU forwards only the 150 kbit/s lowest one.
    flooder.camera.setRates(SOMEWHAT_OVER);
    await until('the teacher receives only the lowest layer', () => kbpsAtTeacher(flooder.producerId) < 300, 10_000);
    for (let second = 0; second < 6; second += 1) {
      await new Promise((r) => setTimeout(r, 1000));
      expect(kbpsAtTeacher(flooder.producerId)).toBeGreaterThan(80);
      expect(kbpsAtTeacher(flooder.producerId)).toBeLessThan(300);
    }
    // Over the cap but not far over: neither let back nor held.
    expect(levelsOf(flooder.participantId)).toEqual(['lowest']);
  }, 60_000);

  it('holds a classroom that floods on regardless, and the polite one never notices', async () => {
    flooder.camera.setRates(FLOOD);
    await until('the flooder is held', () => levelsOf(flooder.participantId).includes('held'), 15_000);
    await until('nothing of it reaches the teacher', () => kbpsAtTeacher(flooder.producerId) < 5, 10_000);
    const overview = await teacher.ok<{ uplinks: { participantId: string; level: UplinkLevel }[] }>({ type: 'getQualityOverview' });
    expect(overview.uplinks).toEqual([expect.objectContaining({ participantId: flooder.participantId, level: 'held' })]);
    expect(levelsOf(polite.participantId)).toEqual([]);
    expect(kbpsAtTeacher(polite.producerId)).toBeGreaterThan(200);
  }, 60_000);

  it('lets the classroom back one step at a time once it stays within the cap', async () => {
    flooder.camera.setRates(POLITE);
    await until('the flooder is back to normal', () => levelsOf(flooder.participantId).at(-1) === 'normal', 40_000);
    expect(levelsOf(flooder.participantId)).toEqual(['lowest', 'held', 'lowest', 'normal']);
    await until('its top layer reaches the teacher again', () => kbpsAtTeacher(flooder.producerId) > 200, 10_000);
    const overview = await teacher.ok<{ uplinks: unknown[] }>({ type: 'getQualityOverview' });
    expect(overview.uplinks).toEqual([]);
  }, 60_000);
});
