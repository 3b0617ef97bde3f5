import { cameraPreference, type MediaSource, type SourceRef, type Stage, type StageLayout, type VideoPlace, type VideoSource } from '@shared';

/** One picture on this page's screen: whose, which source (null: their best camera) and how large. */
export interface ScreenPicture {
  participantId: string;
  source: VideoSource | null;
  place: Exclude<VideoPlace, 'hidden'>;
  role: 'main' | 'inset' | 'cell';
}

/** What one page draws of the stage. */
export interface Screen {
  layout: StageLayout;
  pictures: ScreenPicture[];
}

/** A grid of up to four fits the middle layer (640×360 per cell); more cells get the lowest. */
const HALF_LAYER_CELLS = 4;

/**
 * Draws the lesson's stage on one page. A classroom never watches itself
 * large (its class is in the room): where the stage shows it, this page shows
 * the teacher instead, and its grid leaves it out.
 */
export function screenOf(stage: Stage, selfId: string | null, presentIds: readonly string[]): Screen {
  const here = (ref: SourceRef | null): ScreenPicture['participantId'] | null =>
    ref && ref.participantId !== selfId && presentIds.includes(ref.participantId) ? ref.participantId : null;
  const picture = (ref: SourceRef | null, place: ScreenPicture['place'], role: ScreenPicture['role']): ScreenPicture => {
    const participantId = here(ref);
    return participantId && ref ? { participantId, source: ref.source, place, role } : { participantId: 'teacher', source: null, place, role };
  };
  switch (stage.layout) {
    case 'single':
      return { layout: 'single', pictures: [picture(stage.main, 'main', 'main')] };
    case 'pip':
      return { layout: 'pip', pictures: [picture(stage.main, 'main', 'main'), picture(stage.inset, 'tile', 'inset')] };
    case 'sideBySide':
      return { layout: 'sideBySide', pictures: [picture(stage.main, 'half', 'main'), picture(stage.inset, 'half', 'inset')] };
    case 'grid': {
      const cells = [...new Set(['teacher', ...presentIds])].filter((id) => id !== selfId);
      const place = cells.length <= HALF_LAYER_CELLS ? 'half' : 'tile';
      return { layout: 'grid', pictures: cells.map((participantId) => ({ participantId, source: null, place, role: 'cell' })) };
    }
  }
}

/** Whether a participant's best camera is already on the screen (then it is not repeated in the strip). */
export function onScreen(screen: Screen, participantId: string, bestCamera: MediaSource | null): boolean {
  return screen.pictures.some(
    (p) => p.participantId === participantId && (p.source === null || p.source === (bestCamera ?? cameraPreference(participantId)[0])),
  );
}
