import { z } from 'zod';
import { mediaSourceSchema, videoSources, type MediaSource, type VideoSource } from './media.js';

/*
 * 导播 — what every classroom screen shows. The teacher (or an assistant)
 * chooses the directing: automatic, or one of the manual layouts. The server
 * resolves that choice against who is in the lesson and what they publish
 * into one concrete `Stage`, sends it to everyone, and keeps it in Redis; a
 * page draws the Stage as it is and never re-decides it, so every classroom
 * shows the same thing at the same moment.
 */

/** Layouts the teacher can choose; `auto` follows the speakers and the courseware. */
export const directingChoiceSchema = z.enum(['auto', 'teacherFull', 'coursewarePip', 'sideBySide', 'grid', 'floor']);
export type DirectingChoice = z.infer<typeof directingChoiceSchema>;

/** One published picture: whose, and which of their cameras or screens. */
export interface SourceRef {
  participantId: string;
  source: VideoSource;
}

export const sourceRefSchema = z
  .object({ participantId: z.string().min(1).max(160), source: z.enum(videoSources) })
  .strict() satisfies z.ZodType<SourceRef>;

/** The teacher's choice, as kept on the server: the layout and, optionally, the pictures she picked for it. */
export interface Directing {
  choice: DirectingChoice;
  /** The large picture she picked (e.g. the document camera instead of the teacher camera). */
  main: SourceRef | null;
  /** The second picture (picture-in-picture or the right half). */
  inset: SourceRef | null;
}

/** How the screen is divided. */
export type StageLayout = 'single' | 'pip' | 'sideBySide' | 'grid';

/** What every classroom screen shows now. */
export interface Stage {
  directing: Directing;
  layout: StageLayout;
  /** The large picture (single, pip), the left half (sideBySide); null for a grid or when nobody publishes. */
  main: SourceRef | null;
  /** The small picture over the large one (pip) or the right half (sideBySide). */
  inset: SourceRef | null;
  /** Server time of the last change, for recordings that follow the directing. */
  changedAt: number;
}

/** Where one received video sits on a page; it decides the simulcast layer the SFU sends, or none. */
export const videoPlaceSchema = z.enum(['main', 'half', 'tile', 'hidden']);
export type VideoPlace = z.infer<typeof videoPlaceSchema>;

/**
 * Simulcast layer per place: the large picture the sharpest (1280×720), a half
 * screen or a grid cell the middle one (640×360), a small tile the lowest
 * (320×180). A hidden picture is paused at the SFU and costs no bandwidth.
 */
export function layerForPlace(place: VideoPlace): number | null {
  switch (place) {
    case 'main':
      return 2;
    case 'half':
      return 1;
    case 'tile':
      return 0;
    case 'hidden':
      return null;
  }
}

/** The microphone of a camera: who speaks into it is who that camera shows. */
export function cameraForMicrophone(source: MediaSource): VideoSource | null {
  if (source === 'teacherMic') return 'teacher';
  if (source === 'studentsMic') return 'students';
  return null;
}

/** Which camera shows a participant best when nothing else says: the teacher's shows her, a classroom's its class. */
export function cameraPreference(participantId: string): readonly VideoSource[] {
  return participantId === 'teacher' ? ['teacher', 'students', 'document'] : ['students', 'teacher', 'document'];
}

export const sameRef = (a: SourceRef | null, b: SourceRef | null): boolean =>
  a === b || (a !== null && b !== null && a.participantId === b.participantId && a.source === b.source);

/** What a terminal's devices are for, by device label, kept on the server per classroom. */
export const deviceMappingSchema = z.record(z.string().min(1).max(200), z.union([mediaSourceSchema, z.literal('off')]));
export type DeviceMapping = z.infer<typeof deviceMappingSchema>;
