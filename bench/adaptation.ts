import type { Page } from '@playwright/test';
import type { BenchLesson } from './support/benchLesson.js';
import { measureCpu, type CpuFigures } from './support/cpu.js';
import { receivedTracks } from './support/pageStats.js';
import { openLink } from './support/udpRelay.js';

/** The downlink a classroom falls to in the adaptation run. */
const LIMITED_KBPS = 600;
const HOLD_S = 20;

export interface AdaptationResult {
  limited_kbps: number;
  top_width: number;
  limited_width: number | null;
  adaptation_down_s: number | null;
  adaptation_up_s: number | null;
  /** Gaps over 1 s between displayed frames of the teacher's picture, during the whole run. */
  freezes_over_1s: number;
  longest_gap_ms: number;
  /** Audio packets per second from the teacher while the downlink was limited (Opus, 20 ms frames: ~50 unless DTX). */
  audio_packets_per_s_limited: number;
  cpu_pct: CpuFigures;
}

const teacherVideo = async (page: Page): Promise<{ width: number; audioPackets: number }> => {
  const tracks = await receivedTracks(page);
  return {
    width: tracks.find((t) => t.participantId === 'teacher' && t.kind === 'video')?.frameWidth ?? 0,
    audioPackets: tracks.find((t) => t.participantId === 'teacher' && t.kind === 'audio')?.packetsReceived ?? 0,
  };
};

async function secondsUntil(page: Page, check: (width: number) => boolean, timeoutS: number): Promise<number | null> {
  const start = Date.now();
  while (Date.now() - start < timeoutS * 1000) {
    if (check((await teacherVideo(page)).width)) return Math.round((Date.now() - start) / 100) / 10;
    await page.waitForTimeout(250);
  }
  return null;
}

/**
 * One classroom's downlink falls to 600 kbit/s (through its relay) while it
 * shows the teacher in its main view at the top layer: how long until the
 * SFU sends it a lower simulcast layer, and after the link recovers, how
 * long until the top layer is back. The camera is the browser's fake one.
 */
export async function runAdaptation(lesson: BenchLesson, classrooms: number): Promise<AdaptationResult> {
  await lesson.open('适应基准 adaptation', classrooms, (index) => (index === 0 ? openLink : null));
  const { page, relay } = lesson.classrooms[0]!;
  console.log('[bench] adaptation: waiting for the top layer');
  await secondsUntil(page, (w) => w >= 1280, 90);
  await page.waitForTimeout(5000);
  const topWidth = (await teacherVideo(page)).width;
  await page.evaluate(() => {
    const state = { freezes: 0, longest: 0 };
    (window as unknown as { __gaps: typeof state }).__gaps = state;
    const video = document.querySelector<HTMLVideoElement & { requestVideoFrameCallback(cb: (now: number) => void): number }>('[data-participant-id="teacher"] video')!;
    let last = performance.now();
    const onFrame = (now: number): void => {
      const gap = now - last;
      if (gap > 1000) state.freezes++;
      state.longest = Math.max(state.longest, gap);
      last = now;
      video.requestVideoFrameCallback(onFrame);
    };
    video.requestVideoFrameCallback(onFrame);
  });
  const cpu = measureCpu();
  console.log(`[bench] adaptation: top layer ${topWidth} px; downlink → ${LIMITED_KBPS} kbit/s`);
  relay!.set('down', { ...openLink, rateKbps: LIMITED_KBPS });
  const down = await secondsUntil(page, (w) => w > 0 && w < topWidth, 60);
  const before = await teacherVideo(page);
  await page.waitForTimeout(HOLD_S * 1000);
  const limited = await teacherVideo(page);
  console.log('[bench] adaptation: link restored');
  relay!.set('down', openLink);
  const up = await secondsUntil(page, (w) => w >= topWidth, 90);
  const gaps = await page.evaluate(() => (window as unknown as { __gaps: { freezes: number; longest: number } }).__gaps);
  const result: AdaptationResult = {
    limited_kbps: LIMITED_KBPS,
    top_width: topWidth,
    limited_width: limited.width || null,
    adaptation_down_s: down,
    adaptation_up_s: up,
    freezes_over_1s: gaps.freezes,
    longest_gap_ms: Math.round(gaps.longest),
    audio_packets_per_s_limited: Math.round((limited.audioPackets - before.audioPackets) / HOLD_S),
    cpu_pct: cpu.stop(),
  };
  await lesson.close();
  return result;
}
