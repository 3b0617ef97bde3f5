import { useEffect, useRef, type ReactNode } from 'react';
import type { VideoPlace } from '@shared';
import { subscriber } from '../media/subscriber';
import { useT } from '../i18n/useT';

export interface VideoTileProps {
  track: MediaStreamTrack | null;
  /** Who is shown: a classroom's name, the teacher's name, or "本教室". */
  label: string;
  /** Mirror the picture, so one's own camera moves like a mirror image. */
  mirrored?: boolean;
  /** 'main' fills the screen and needs the sharpest layer, 'half' the middle one, 'tile' is small. */
  place: Exclude<VideoPlace, 'hidden'>;
  /** Which of the participant's pictures this is (teacher camera, courseware …), for tests and styling. */
  source?: string | null;
  /** For a received picture: which producer it is, so the server sends the layer this place needs. */
  producerId?: string | null;
  participantId?: string | null;
  testId?: string;
  className?: string;
  /** Drawn over the picture: badges (正在发言 …) and, on the teacher page, a classroom's controls. */
  children?: ReactNode;
}

/**
 * One picture. The <video> is always muted: sound plays through RemoteAudio, and a
 * muted video may autoplay without a click, which a classroom terminal never gives.
 */
export function VideoTile(props: VideoTileProps) {
  const { track, label, mirrored = false, place, source, producerId, participantId, testId, className, children } = props;
  const t = useT();
  const videoRef = useRef<HTMLVideoElement>(null);

  useEffect(() => {
    const video = videoRef.current;
    if (!video) return;
    video.srcObject = track ? new MediaStream([track]) : null;
  }, [track]);

  // While mounted, the server sends this picture at the layer its place needs; unmounted, it is paused.
  useEffect(() => (producerId ? subscriber.showIn(producerId, place) : undefined), [producerId, place]);

  const classes = ['video-tile', `video-tile--${place}`, track ? 'video-tile--live' : 'video-tile--empty', className];
  return (
    <div
      className={classes.filter(Boolean).join(' ')}
      data-testid={testId}
      data-participant-id={participantId ?? undefined}
      data-place={place}
      data-source={source ?? undefined}
      data-has-video={track ? 'true' : 'false'}
    >
      {/* Kept mounted while empty so the element (and its ref) survives a track coming and going. */}
      <video
        ref={videoRef}
        className={mirrored ? 'video-tile__video video-tile__video--mirrored' : 'video-tile__video'}
        autoPlay
        playsInline
        muted
        hidden={!track}
      />
      {!track && (
        <div className="video-tile__placeholder">
          <span className="video-tile__placeholder-name">{label}</span>
          <span className="video-tile__placeholder-note">{t('video.noPicture')}</span>
        </div>
      )}
      {track && <span className="video-tile__label">{label}</span>}
      {children}
    </div>
  );
}
