import { create } from 'zustand';
import type { PrecheckRecord, PrecheckReport } from '@shared';

/** A step of the check that runs by itself: not yet, running, or its finding. */
export type Step<T> = { state: 'pending' } | { state: 'running' } | { state: 'done'; result: T };

/** Where the check is: running its steps, waiting for the person to confirm the sound, sending, done, or stopped by an error. */
export type PrecheckPhase = 'running' | 'waitingForPerson' | 'submitting' | 'done' | 'failed';

/** Plain state of the pre-class check page; the media objects live in precheckService. */
export interface PrecheckState {
  phase: PrecheckPhase;
  /** A message key when phase is 'failed'. */
  failure: string | null;
  classroomName: string;
  camera: Step<PrecheckReport['camera']>;
  microphone: Step<PrecheckReport['microphone']>;
  /** 0…1, the microphone's level now, for the meter. */
  microphoneLevel: number;
  /** The test sound was played at least once, so the answer buttons mean something. */
  soundPlayed: boolean;
  speaker: Step<PrecheckReport['speaker']>;
  udp: Step<PrecheckReport['udp']>;
  tcp: Step<PrecheckReport['tcp']>;
  /** The relay (TURN): which of its ways in came up. */
  turn: Step<{ result: PrecheckReport['turn']; relays: Array<'udp' | 'tcp' | 'tls'> }>;
  /** The relay's ports as the advice names them (e.g. "UDP/TCP 3478, TLS 5349"); null without a relay. */
  turnPorts: string | null;
  bandwidth: Step<{ uplinkKbps: number | null; rttMs: number | null; sfuReceivedKbps: number | null }>;
  /** The SFU's media port, for the advice to the school's network administrator. */
  mediaPort: number | null;
  /** What the server kept and the teacher sees. */
  record: PrecheckRecord | null;
}

export const initialPrecheckState = (): Omit<PrecheckState, 'classroomName'> => ({
  phase: 'running',
  failure: null,
  camera: { state: 'pending' },
  microphone: { state: 'pending' },
  microphoneLevel: 0,
  soundPlayed: false,
  speaker: { state: 'pending' },
  udp: { state: 'pending' },
  tcp: { state: 'pending' },
  turn: { state: 'pending' },
  turnPorts: null,
  bandwidth: { state: 'pending' },
  mediaPort: null,
  record: null,
});

export const usePrecheckStore = create<PrecheckState>(() => ({ ...initialPrecheckState(), classroomName: '' }));

/** The finding of a step, or null while it is not done. */
export const resultOf = <T,>(step: Step<T>): T | null => (step.state === 'done' ? step.result : null);
