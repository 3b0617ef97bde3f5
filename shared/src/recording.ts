import { z } from 'zod';

/*
 * 录制: whether a lesson is being recorded, as every page shows it (录制中),
 * and why a recording stopped. The files themselves stay on the server (see
 * server/src/features/recording); pages only ever see this view.
 */

/** Why a recording is not running (any more). */
export const recordingStopReasonSchema = z.enum([
  /** The teacher pressed the button again. */
  'teacher',
  /** 下课: the lesson ended and its recording is complete. */
  'lessonEnded',
  /** The disk of the recordings has less free space than RECORDING_MIN_FREE_MB. */
  'diskLow',
  /** All recordings together reached RECORDING_BUDGET_GB. */
  'budget',
]);
export type RecordingStopReason = z.infer<typeof recordingStopReasonSchema>;

export const recordingViewSchema = z.object({
  /** True while the lesson's tracks are being written (录制中). */
  active: z.boolean(),
  /** The recording (SQL row) that runs or ran last in this lesson; null when none ever did. */
  recordingId: z.string().nullable(),
  /** Server time the running (or last) recording started. */
  startedAt: z.number().nullable(),
  /** Why the last recording stopped; null while it runs or when none ever ran. */
  stoppedBecause: recordingStopReasonSchema.nullable(),
  /** The disk alarm in plain words for the teacher (and the school admin's log); null when there is none. */
  alarm: z.string().nullable(),
});
export type RecordingView = z.infer<typeof recordingViewSchema>;

export const noRecording: RecordingView = { active: false, recordingId: null, startedAt: null, stoppedBecause: null, alarm: null };

/** The teacher starts (true) or stops (false) recording the lesson. */
export const setRecordingRequest = z.object({ type: z.literal('setRecording'), recording: z.boolean() }).strict();

/** 导播画面: how far the one MP4 of a finished recording is (the library polls it and plays it once `ready`). */
export const directedStatusSchema = z.enum([
  /** The recording still runs, or its job waits for the one before it. */
  'waiting',
  'rendering',
  /** `directed.mp4` is there: H.264 + AAC, 720p, faststart. */
  'ready',
  /** The job gave up; `error` says why (the per-source files stay). */
  'failed',
]);
export type DirectedStatus = z.infer<typeof directedStatusSchema>;

