import { cameraForMicrophone, cameraPreference, type Directing, type MainView, type PublishedTrack, type SourceRef, type Stage, type VideoSource } from '@shared';

/** What the stage is resolved from: the teacher's choice and the lesson as it is now. */
export interface StageInput {
  directing: Directing;
  /** Automatic directing's pick: who speaks (or was pinned), and into which microphone. */
  mainView: MainView;
  tracks: readonly PublishedTrack[];
  floorHolders: readonly string[];
}

const TEACHER = 'teacher';

/**
 * Turns the teacher's directing choice into the concrete pictures every
 * classroom shows. A picture that is not published (a camera unplugged, the
 * courseware not shared yet) falls back to the next best one, so a screen is
 * never left empty while somebody publishes something. Pure, so every layout
 * rule is unit-tested.
 */
export function resolveStage(input: StageInput): Omit<Stage, 'changedAt'> {
  const { directing } = input;
  const published = (ref: SourceRef | null): SourceRef | null =>
    ref && input.tracks.some((t) => t.kind === 'video' && t.participantId === ref.participantId && t.source === ref.source) ? ref : null;
  const cameraOf = (participantId: string, preferred: VideoSource | null = null): SourceRef | null => {
    const order = cameraPreference(participantId);
    for (const source of preferred ? [preferred, ...order] : order) {
      const ref = published({ participantId, source });
      if (ref) return ref;
    }
    return null;
  };
  const courseware = (): SourceRef | null => {
    const own = published({ participantId: TEACHER, source: 'courseware' });
    const any = input.tracks.find((t) => t.kind === 'video' && t.source === 'courseware');
    return own ?? (any ? { participantId: any.participantId, source: 'courseware' } : null);
  };
  const teacherCamera = (): SourceRef | null => published(directing.main) ?? cameraOf(TEACHER, 'teacher');
  const single = (main: SourceRef | null) => ({ directing, layout: 'single' as const, main, inset: null });
  const twoPictures = (layout: 'pip' | 'sideBySide', main: SourceRef | null, inset: SourceRef | null) =>
    main && inset ? { directing, layout, main, inset } : single(main ?? inset);

  switch (directing.choice) {
    case 'auto': {
      const { participantId, microphone } = input.mainView;
      const speaker = cameraOf(participantId, microphone ? cameraForMicrophone(microphone) : null) ?? cameraOf(TEACHER, 'teacher');
      // Courseware shared: the class reads the slide, the speaker in the corner.
      return twoPictures('pip', courseware(), speaker);
    }
    case 'teacherFull':
      return single(teacherCamera());
    case 'coursewarePip':
    case 'sideBySide': {
      const main = published(directing.main) ?? courseware();
      const inset = published(directing.inset) ?? cameraOf(TEACHER, 'teacher');
      return twoPictures(directing.choice === 'coursewarePip' ? 'pip' : 'sideBySide', main, inset);
    }
    case 'grid':
      return { directing, layout: 'grid', main: null, inset: null };
    case 'floor': {
      const holder = input.floorHolders[0];
      return single(published(directing.main) ?? (holder ? cameraOf(holder, 'students') : null) ?? cameraOf(TEACHER, 'teacher'));
    }
  }
}
