import { describe, expect, it } from 'vitest';
import { AudioSlots, ContinuousStream, isRtcp, OPUS_SILENCE, ssrcOf, startsVp8KeyFrame, VideoSwitch } from './rtpSwitch.js';

/** An RTP packet: version 2, payload type, sequence, timestamp, SSRC, then the payload. */
function rtp(ssrc: number, sequence: number, timestamp: number, payload: number[], payloadType = 101): Buffer {
  const header = Buffer.alloc(12);
  header[0] = 0x80;
  header[1] = payloadType;
  header.writeUInt16BE(sequence, 2);
  header.writeUInt32BE(timestamp, 4);
  header.writeUInt32BE(ssrc, 8);
  return Buffer.concat([header, Buffer.from(payload)]);
}
// VP8 descriptors: X, S, partition 0, with a 15-bit picture id; then the payload header (P bit 0 = key frame).
const keyFrame = [0x90, 0x80, 0x81, 0x23, 0x00];
const deltaFrame = [0x90, 0x80, 0x81, 0x24, 0x01];
const continuation = [0x80, 0x80, 0x81, 0x23, 0x55];
const fields = (packet: Buffer) => ({ pt: packet[1]! & 0x7f, seq: packet.readUInt16BE(2), ts: packet.readUInt32BE(4), ssrc: ssrcOf(packet) });

describe('the program feed’s RTP switching', () => {
  it('tells VP8 key frames, delta frames and RTCP apart', () => {
    expect(startsVp8KeyFrame(rtp(1, 1, 1, keyFrame))).toBe(true);
    expect(startsVp8KeyFrame(rtp(1, 1, 1, deltaFrame))).toBe(false);
    expect(startsVp8KeyFrame(rtp(1, 1, 1, continuation))).toBe(false);
    // Without the extension byte: S, partition 0, key frame.
    expect(startsVp8KeyFrame(rtp(1, 1, 1, [0x10, 0x00]))).toBe(true);
    expect(startsVp8KeyFrame(Buffer.from([0x80, 0x60]))).toBe(false);
    expect(isRtcp(Buffer.from([0x80, 200, 0, 6]))).toBe(true);
    expect(isRtcp(rtp(1, 1, 1, keyFrame))).toBe(false);
  });

  it('switches the picture on the new source’s key frame, keeping one gapless stream', () => {
    let now = 1000;
    const sent: Buffer[] = [];
    const out = new ContinuousStream(0xabc, 96, 90_000, (p) => sent.push(p), () => now);
    const video = new VideoSwitch(out);
    video.choose(1);
    video.packet(1, rtp(1, 10, 5000, deltaFrame));
    expect(sent).toHaveLength(0); // nothing before a key frame
    video.packet(1, rtp(1, 11, 5000, keyFrame));
    video.packet(1, rtp(1, 12, 5000, continuation));
    now += 40;
    video.packet(1, rtp(1, 13, 8600, deltaFrame));
    // Another camera is chosen: the first keeps the picture until the second sends a key frame.
    video.choose(2);
    video.packet(2, rtp(2, 900, 77_000_000, deltaFrame));
    video.packet(1, rtp(1, 14, 12_200, deltaFrame));
    now += 40;
    video.packet(2, rtp(2, 901, 77_003_600, keyFrame));
    video.packet(1, rtp(1, 15, 15_800, deltaFrame));
    video.packet(2, rtp(2, 902, 77_003_600, continuation));
    expect(video.showing).toBe(2);
    const out1 = sent.map(fields);
    expect(out1.map((p) => p.ssrc)).toEqual(Array(6).fill(0xabc));
    expect(out1.map((p) => p.pt)).toEqual(Array(6).fill(96));
    for (let i = 1; i < out1.length; i++) expect(out1[i]!.seq).toBe((out1[i - 1]!.seq + 1) & 0xffff);
    // Source 1's own 40 ms steps, then 40 ms of wall time into source 2 (3600 ticks), whose own clock never shows.
    const ts = out1.map((p) => p.ts - out1[0]!.ts);
    expect(ts).toEqual([0, 0, 3600, 7200, 10_800, 10_800]);
  });

  it('gives each speaking microphone a slot and fills silent slots with Opus silence every 20 ms', () => {
    let now = 0;
    const sent: Buffer[][] = [[], []];
    const slots = [0, 1].map((i) => new ContinuousStream(100 + i, 100, 48_000, (p) => sent[i]!.push(p), () => now));
    const audio = new AudioSlots(slots, () => now);
    for (let t = 0; t < 10; t++) {
      now = 10_000 + t * 20;
      audio.packet(7, rtp(7, t, t * 960, [1, 2, 3]));
      if (t >= 5) audio.packet(8, rtp(8, 50 + t, 10 + t * 960, [4, 5, 6]));
      // A third voice, once both slots are held, finds none free.
      if (t >= 7) audio.packet(9, rtp(9, t, t * 960, [7, 8, 9]));
      audio.tick();
    }
    expect(audio.held).toEqual([7, 8]);
    // Slot 1 carried silence until microphone 8 spoke (from 0 to 80 ms: 5 ticks), then its voice.
    const payloads = sent[1]!.map((p) => [...p.subarray(12)]);
    expect(payloads.slice(0, 5)).toEqual(Array(5).fill([...OPUS_SILENCE]));
    expect(payloads.slice(5)).toEqual(Array(5).fill([4, 5, 6]));
    expect(sent[0]!.map((p) => [...p.subarray(12)])).toEqual(Array(10).fill([1, 2, 3]));
    // Microphone 7 stops: after 60 ms its slot carries silence every tick, and after 1.5 s the slot is free.
    const before = sent[0]!.length;
    for (let t = 10; t < 100; t++) {
      now = 10_000 + t * 20;
      audio.tick();
    }
    expect(sent[0]!.length - before).toBeGreaterThanOrEqual(85);
    expect(audio.held).toEqual([null, null]);
    const seqs = sent[0]!.map((p) => p.readUInt16BE(2));
    for (let i = 1; i < seqs.length; i++) expect(seqs[i]).toBe((seqs[i - 1]! + 1) & 0xffff);
  });
});
