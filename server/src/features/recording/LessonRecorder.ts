import type { PublishedTrack } from '@shared';
import type { Lesson } from '../../lesson/Lesson.js';
import type { Logger } from '../../log.js';
import { scheduleSendLayers } from '../media/sendLayers.js';
import type { RecordingFiles, SegmentEntry } from './recordingFiles.js';
import { TrackRecorder } from './TrackRecorder.js';

/**
 * The recording of one live lesson on this server: a TrackRecorder per
 * published track (every camera, the courseware, every microphone), and the
 * stage log — every stage, floor and main-view change with its time, so the
 * directed view can follow the screens exactly as the classrooms saw them.
 * It follows the lesson's events by itself: a track published later is
 * recorded from then on, a track that closes stops its recorder, and after a
 * worker death the tracks published again on the new router are recorded
 * again. Stopping ends every ffmpeg cleanly.
 */
export class LessonRecorder {
  private readonly recorders = new Map<string, TrackRecorder>();
  private readonly unsubscribe: Array<() => void> = [];
  private stopped = false;

  constructor(
    private readonly lesson: Lesson,
    readonly recordingId: string,
    readonly files: RecordingFiles,
    private readonly logger: Logger,
    private readonly onSegment: (entry: SegmentEntry) => void,
  ) {}

  /** Starts recording what the lesson publishes now and whatever it publishes later; `resumed` after a restart or reopening. */
  start(resumed: boolean): void {
    const { lesson, files } = this;
    const now = Date.now();
    files.appendStage({ at: now, type: 'recordingStarted', recordingId: this.recordingId, resumed });
    // Where the timeline starts: the stage, floor and main view as they are now.
    files.appendStage({ at: now, type: 'stage', stage: lesson.stage.stage });
    files.appendStage({ at: now, type: 'floor', floor: lesson.floor });
    files.appendStage({ at: now, type: 'mainView', mainView: lesson.director.mainView });
    this.unsubscribe.push(
      lesson.on('stagechanged', (stage) => files.appendStage({ at: Date.now(), type: 'stage', stage })),
      lesson.on('floorchanged', (floor) => files.appendStage({ at: Date.now(), type: 'floor', floor })),
      lesson.on('mainviewchanged', (mainView) => files.appendStage({ at: Date.now(), type: 'mainView', mainView })),
      lesson.on('trackpublished', (track) => this.record(track)),
      lesson.on('trackclosed', (track) => {
        files.appendStage({ at: Date.now(), type: 'trackClosed', track });
        void this.recorders.get(track.producerId)?.close();
      }),
    );
    for (const track of lesson.tracks()) this.record(track);
  }

  /** ffmpeg's process of each source recorded now, by producer (for tests and the health view). */
  ffmpegPids(): Array<{ producerId: string; pid: number | null }> {
    return [...this.recorders.values()].map((recorder) => ({ producerId: recorder.producerId, pid: recorder.ffmpegPid }));
  }

  /** Stops every recorder (each closes its last segment properly) and notes why. Idempotent. */
  async stop(reason: string): Promise<void> {
    if (this.stopped) return;
    this.stopped = true;
    for (const off of this.unsubscribe.splice(0)) off();
    await Promise.all([...this.recorders.values()].map((recorder) => recorder.close()));
    this.recorders.clear();
    this.files.appendStage({ at: Date.now(), type: 'recordingStopped', reason });
  }

  private record(track: PublishedTrack): void {
    if (this.stopped || this.recorders.has(track.producerId)) return;
    const { lesson } = this;
    this.files.appendStage({ at: Date.now(), type: 'trackPublished', track });
    const dir = this.files.sourceDir(track.participantId, track.source);
    let router;
    try {
      router = lesson.router;
    } catch {
      return; // The worker died: the tracks come again on the new router (trackpublished).
    }
    const recorder = new TrackRecorder({
      router,
      track,
      classroomId: lesson.participants.get(track.participantId)?.view.classroomId ?? null,
      dir: dir.absolute,
      relativeDir: dir.relative,
      logger: this.logger,
      onSegment: this.onSegment,
      onConsumer: (consumer) => {
        // The recorder is a viewer of the camera at its top layer: its sender must keep encoding it.
        if (consumer) lesson.serverViewers.set(track.producerId + ':recorder', consumer);
        else lesson.serverViewers.delete(track.producerId + ':recorder');
        scheduleSendLayers(lesson, track.producerId);
      },
    });
    this.recorders.set(track.producerId, recorder);
    recorder.start().catch((error: Error) => {
      this.recorders.delete(track.producerId);
      void recorder.close();
      // A track that closed while its recorder was being set up is no loss; anything else is logged.
      if (lesson.findProducer(track.producerId)) this.logger.error({ producerId: track.producerId, err: error.message }, 'cannot record a track');
    });
  }
}
