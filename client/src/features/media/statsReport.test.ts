import { describe, expect, it } from 'vitest';
import { counters, pathEntries, pathFigures, selectedCandidatePair, type StatsEntry } from './statsReport';
import producer from './recorded/producer.json';
import receiveTransport from './recorded/receive-transport.json';
import sendTransport from './recorded/send-transport.json';

/*
 * The recorded reports are getStats of a classroom page (Debian's Chromium
 * 150, fake camera) in a lesson on the real server over loopback: its
 * receive transport, its send transport and its camera producer's sender.
 */
const recorded = (report: object[]): StatsEntry[] => report as StatsEntry[];
const pairOf = (report: StatsEntry[]): StatsEntry => report.find((entry) => entry.type === 'candidate-pair')!;
const transportOf = (report: StatsEntry[]): StatsEntry => report.find((entry) => entry.type === 'transport')!;

/** The recorded receive transport after a network change: the earlier pair is still listed, nominated and slow. */
const afterNetworkChange = (): StatsEntry[] => {
  const report = recorded(receiveTransport);
  const earlier = { ...pairOf(report), id: 'CPearlier', currentRoundTripTime: 0.25, availableOutgoingBitrate: 90_000 };
  return [...report, earlier];
};

describe('the candidate pair media takes', () => {
  it('is the pair the transport names, in a recorded receive transport report', () => {
    const report = recorded(receiveTransport);
    expect(selectedCandidatePair(report)?.['id']).toBe(transportOf(report)['selectedCandidatePairId']);
    expect(pathFigures(report)).toEqual({ rttMs: 1, availableOutgoingBitrate: 300_000 });
  });

  it('gives the uplink estimate of a recorded send transport and of a camera producer', () => {
    expect(pathFigures(recorded(sendTransport))).toEqual({ rttMs: 0, availableOutgoingBitrate: 380_631 });
    expect(pathFigures(recorded(producer))).toEqual({ rttMs: 0, availableOutgoingBitrate: 380_631 });
  });

  it('is not an earlier pair that still says nominated and succeeded', () => {
    expect(pathFigures(afterNetworkChange())).toEqual({ rttMs: 1, availableOutgoingBitrate: 300_000 });
    expect(pathFigures(afterNetworkChange().reverse())).toEqual({ rttMs: 1, availableOutgoingBitrate: 300_000 });
  });

  it('falls back to the nominated, succeeded pair where the report has no transport entry', () => {
    const pair = pairOf(recorded(receiveTransport));
    const report: StatsEntry[] = [
      { ...pair, id: 'failed', state: 'failed', currentRoundTripTime: 9 },
      { ...pair, id: 'checked', nominated: false, currentRoundTripTime: 8 },
      { ...pair, id: 'checking', state: 'in-progress', nominated: true, currentRoundTripTime: 7 },
      pair,
    ];
    expect(selectedCandidatePair(report)?.['id']).toBe(pair['id']);
  });

  it('is none before the transport has connected', () => {
    const pair = pairOf(recorded(receiveTransport));
    const connecting = { ...transportOf(recorded(receiveTransport)), iceState: 'checking', selectedCandidatePairId: undefined };
    const report = [connecting, { ...pair, state: 'in-progress', nominated: false }];
    expect(pathFigures(report)).toEqual({ rttMs: null, availableOutgoingBitrate: null });
  });

  it('keeps of a report only what describes the path', () => {
    expect(pathEntries(recorded(receiveTransport)).map((entry) => entry.type)).toEqual(['candidate-pair', 'transport']);
  });
});

describe('counters of a getStats entry', () => {
  it('reads a recorded inbound-rtp, with 0 for what it does not carry', () => {
    const inbound = recorded(receiveTransport).filter((entry) => entry.type === 'inbound-rtp');
    const video = inbound.find((entry) => entry['kind'] === 'video' && entry['trackIdentifier'] !== 'probator');
    const audio = inbound.find((entry) => entry['kind'] === 'audio');
    expect(counters(video, ['framesDecoded', 'frameWidth', 'frameHeight'])).toEqual({ framesDecoded: 145, frameWidth: 1280, frameHeight: 720 });
    expect(counters(audio, ['frameWidth', 'bytesReceived'])).toEqual({ frameWidth: 0, bytesReceived: 44_468 });
    expect(counters(undefined, ['packetsReceived'])).toEqual({ packetsReceived: 0 });
  });
});
