import { mkdirSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { expect, test } from '@playwright/test';
import type { Ack, ServerNotice } from '../../shared/src/index.js';
import { scheduleLesson } from '../../testkit/adminApi.js';
import { inboundStats } from '../../testkit/inboundStats.js';
import { measureCpu } from '../../testkit/cpu.js';
import { serverHealth } from '../../testkit/health.js';
import { startServer, type ServerProcess } from '../../testkit/serverProcess.js';
import { connectClient, type RawClient } from '../../server/test/support/signallingClient.js';
import { expectDecoding } from '../support/decoding.js';
import { FuzzMessages, type FuzzTarget, type Shot } from '../support/fuzzMessages.js';
import { closeOpenedPages, openPage } from '../support/lesson.js';

test.afterEach(closeOpenedPages);

const MESSAGES = 10_000;
/** Unauthenticated lanes; one more lane joins with a real classroom link and fuzzes as a participant. */
const STRANGER_LANES = 16;
const JOINED_SHARE = 0.2;
/** A lane sends at most this many a second: the server answers faster ones RATE_LIMITED, which tests little. */
const LANE_RATE = 45;
const REPLY_TIMEOUT_MS = 5000;
/** Fixed, so a failure replays; FUZZ_SEED=n tries another stream. */
const SEED = Number(process.env['FUZZ_SEED'] ?? 1);

interface Tally {
  sent: number;
  byShape: Record<string, number>;
  byReply: Record<string, number>;
  connections: number;
}

/**
 * Ten thousand hostile messages against a running lesson with media flowing,
 * from strangers and from a joined classroom: deep nesting in every field,
 * long arrays, many keys, wrong types, binary attachments, unknown events,
 * requests without acknowledgement, valid requests out of order. The server
 * never exits and never fails a request as its own bug, no rejection goes
 * unhandled, the teacher and the classroom keep decoding each other
 * throughout, memory comes back, and the log stays short.
 */
test('ten thousand hostile messages do not knock the lesson over', async ({ browser }) => {
  test.setTimeout(420_000);
  const server: ServerProcess = await startServer();
  mkdirSync(fileURLToPath(new URL('../artifacts/', import.meta.url)), { recursive: true });
  try {
    const links = await scheduleLesson({ title: '模糊测试' }, server);
    const [host, fuzzed] = links.classrooms;
    const [teacher, classroom] = await Promise.all([openPage(browser, links.teacher), openPage(browser, host!.url)]);
    const classroomId = `classroom:${host!.classroomId}`;
    await expectDecoding(classroom, 'teacher', ['video']);
    await expectDecoding(teacher, classroomId, ['video']);

    const health = (): ReturnType<typeof serverHealth> => serverHealth(server);
    const before = await health();
    const linesBefore = server.output().split('\n').length;

    const fuzzTarget: FuzzTarget = {
      lessonId: links.lessonId,
      classroomId: fuzzed!.classroomId,
      token: fuzzed!.token,
      producerIds: [],
      participantIds: ['teacher', classroomId, `classroom:${fuzzed!.classroomId}`],
    };
    const tally: Tally = { sent: 0, byShape: {}, byReply: {}, connections: 0 };

    // Watch both pages decode each other the whole time: every sample must have moved on.
    const decodedBy = async (): Promise<[number, number]> => {
      const atClassroom = (await inboundStats(classroom)).find((r) => r.participantId === 'teacher' && r.kind === 'video')?.framesDecoded ?? 0;
      const atTeacher = (await inboundStats(teacher)).find((r) => r.participantId === classroomId && r.kind === 'video')?.framesDecoded ?? 0;
      return [atClassroom, atTeacher];
    };
    const samples: Array<[number, number]> = [await decodedBy()];
    let fuzzing = true;
    // One sample every 3 s until the fuzz is over, and one more 3 s after it.
    const watching = (async () => {
      let last = false;
      while (!last) {
        last = !fuzzing;
        await new Promise((r) => setTimeout(r, 3000));
        samples.push(await decodedBy());
      }
    })();

    const started = Date.now();
    const cpu = measureCpu();
    const joinedBudget = Math.round(MESSAGES * JOINED_SHARE);
    const strangerBudget = Math.ceil((MESSAGES - joinedBudget) / STRANGER_LANES);
    await Promise.all([
      runLane(server.url, new FuzzMessages(SEED, fuzzTarget), joinedBudget, tally, fuzzTarget, true),
      ...Array.from({ length: STRANGER_LANES }, (_, i) => runLane(server.url, new FuzzMessages(SEED * 1000 + i, fuzzTarget), strangerBudget, tally, fuzzTarget, false)),
    ]);
    const seconds = (Date.now() - started) / 1000;
    const cpuFigures = cpu.stop();
    fuzzing = false;
    await watching;

    const output = server.output();
    const linesDuring = output.split('\n').length - linesBefore;
    // Memory: the heap comes back within 10 % (at least 6 MiB) once the fuzz is over (garbage is collected as the
    // lesson goes on). V8 runs its major collections lazily: from a 22 MiB heap, 10 % is 2 MiB, less than one
    // collection cycle leaves lying around (a CI run saw 34 MiB after 60 s, a rerun 25 MiB); a leak per message
    // of 10,000 messages is far larger than the margin.
    const heapBound = Math.max(before.memory.heapUsedMb * 1.1, before.memory.heapUsedMb + 6);
    let after = await health();
    const deadline = Date.now() + 90_000;
    while (after.memory.heapUsedMb > heapBound && Date.now() < deadline) {
      await new Promise((r) => setTimeout(r, 2000));
      after = await health();
    }
    console.log(
      `[fuzz] seed ${SEED}: ${tally.sent} messages in ${seconds.toFixed(1)} s over ${tally.connections} connections; shapes ${JSON.stringify(tally.byShape)}; replies ${JSON.stringify(tally.byReply)}; ` +
        `heap ${before.memory.heapUsedMb} → ${after.memory.heapUsedMb} MiB, rss ${before.memory.rssMb} → ${after.memory.rssMb} MiB; ${linesDuring} log lines; CPU ${cpuFigures.machine_pct} % of ${cpuFigures.cores} cores (load ${cpuFigures.load_avg}); frames decoded ${JSON.stringify(samples)}`,
    );

    expect(tally.sent).toBeGreaterThanOrEqual(MESSAGES);
    expect(Object.keys(tally.byShape).length).toBeGreaterThanOrEqual(14);
    expect(server.child.exitCode).toBeNull();
    expect(output).not.toContain('unhandled rejection');
    // A hostile request is the sender's fault, never a server bug.
    expect(tally.byReply['INTERNAL'] ?? 0).toBe(0);
    expect(output).not.toContain('"msg":"request failed"');
    for (let i = 1; i < samples.length; i++) {
      expect(samples[i]![0], `the classroom decodes the teacher between samples ${i - 1} and ${i}`).toBeGreaterThan(samples[i - 1]![0]);
      expect(samples[i]![1], `the teacher decodes the classroom between samples ${i - 1} and ${i}`).toBeGreaterThan(samples[i - 1]![1]);
    }
    expect(after.memory.heapUsedMb).toBeLessThanOrEqual(heapBound);
    // Rejections and hostile frames: five lines a minute for this one address, and a summary line; not one per message.
    const rejectionLines = output.split('\n').slice(linesBefore).filter((line) => /request rejected|hostile frame|more like this/.test(line)).length;
    expect(rejectionLines).toBeLessThanOrEqual((Math.ceil(seconds / 60) + 1) * 6);
    // The rest is the joined lane's joins and leaves (a classroom link reopened after each hostile frame).
    expect(linesDuring).toBeLessThan(tally.sent / 4);
    await expectDecoding(classroom, 'teacher', ['video', 'audio']);
  } finally {
    await server.stop();
    writeFileSync(fileURLToPath(new URL('../artifacts/fuzz-server.log', import.meta.url)), server.output());
  }
});

/** One connection after another, sending `budget` shots at LANE_RATE; a hostile frame closes the connection, and the lane opens a new one. */
async function runLane(url: string, messages: FuzzMessages, budget: number, tally: Tally, target: FuzzTarget, joined: boolean): Promise<void> {
  let sent = 0;
  while (sent < budget) {
    const client = await connectClient(url, target.token);
    tally.connections++;
    client.socket.on('notice', (notice: ServerNotice) => {
      if (notice.type === 'trackPublished' && target.producerIds.length < 50) target.producerIds.push(notice.track.producerId);
    });
    if (joined) {
      const reply = await client.send({ type: 'joinLesson', lessonId: target.lessonId, role: 'classroom', classroomId: target.classroomId }).catch(() => null);
      if (reply?.ok) for (const track of (reply.data as { tracks: Array<{ producerId: string }> }).tracks) target.producerIds.push(track.producerId);
    }
    while (sent < budget && client.socket.connected) {
      const shot = messages.next();
      sent++;
      tally.sent++;
      tally.byShape[shot.shape] = (tally.byShape[shot.shape] ?? 0) + 1;
      const paced = new Promise((r) => setTimeout(r, 1000 / LANE_RATE));
      const reply = await fire(client, shot);
      if (reply) tally.byReply[reply] = (tally.byReply[reply] ?? 0) + 1;
      await paced;
    }
    client.close();
  }
}

/** Sends one shot; the reply's code ('ok' or the error code), 'closed' if the connection went, or null when none is expected. */
async function fire(client: RawClient, shot: Shot): Promise<string | null> {
  const code = (ack: Ack<unknown>): string => (ack.ok ? 'ok' : ack.error.code);
  const settled = (promise: Promise<Ack<unknown>>): Promise<string> =>
    promise.then(code, () => (client.socket.connected ? 'timeout' : 'closed'));
  switch (shot.kind) {
    case 'request':
      // Socket.IO's own client cannot encode what it cannot walk; a payload it refuses is counted as not sent on the wire.
      try {
        return await settled(client.socket.timeout(REPLY_TIMEOUT_MS).emitWithAck('request', shot.payload) as Promise<Ack<unknown>>);
      } catch {
        return 'unencodable';
      }
    case 'noAck':
      client.socket.emit('request', shot.payload);
      return null;
    case 'event':
      try {
        return await settled(client.socket.timeout(REPLY_TIMEOUT_MS).emitWithAck(shot.event, shot.payload) as Promise<Ack<unknown>>);
      } catch {
        return 'unencodable';
      }
    case 'raw':
      for (const frame of shot.frames) client.writeFrame(frame);
      await new Promise((r) => setTimeout(r, 20));
      return client.socket.connected ? 'raw-kept' : 'closed';
  }
}
