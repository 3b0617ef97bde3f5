import { useCallback, useRef, useState } from 'react';
import { useShallow } from 'zustand/react/shallow';
import { subscriber } from '../media/subscriber';
import { useLessonStore } from '../lesson/lessonStore';
import { useT } from '../i18n/useT';

/**
 * Plays every received voice, one hidden <audio> per track. A classroom terminal
 * opens its link without anyone clicking, so the browser's autoplay policy may
 * refuse to play sound; then one big button asks for the click it needs.
 */
export function RemoteAudio() {
  const t = useT();
  const producerIds = useLessonStore(
    useShallow((state) => state.received.filter((track) => track.kind === 'audio' && track.ready).map((track) => track.producerId)),
  );
  const players = useRef(new Map<string, HTMLAudioElement>());
  const [blocked, setBlocked] = useState(false);

  const onBlocked = useCallback(() => setBlocked(true), []);

  const register = useCallback((producerId: string, element: HTMLAudioElement | null) => {
    if (element) players.current.set(producerId, element);
    else players.current.delete(producerId);
  }, []);

  const enableSound = () => {
    setBlocked(false);
    for (const element of players.current.values()) play(element, onBlocked);
  };

  return (
    <>
      {producerIds.map((producerId) => (
        <VoicePlayer key={producerId} producerId={producerId} register={register} onBlocked={onBlocked} />
      ))}
      {blocked && (
        <button type="button" className="enable-sound" data-testid="enable-sound" onClick={enableSound}>
          {t('sound.enable')}
        </button>
      )}
    </>
  );
}

interface VoicePlayerProps {
  producerId: string;
  register(producerId: string, element: HTMLAudioElement | null): void;
  onBlocked(): void;
}

function VoicePlayer({ producerId, register, onBlocked }: VoicePlayerProps) {
  const attach = useCallback(
    (element: HTMLAudioElement | null) => {
      if (!element) return;
      const track = subscriber.remoteTrack(producerId);
      element.srcObject = track ? new MediaStream([track]) : null;
      register(producerId, element);
      play(element, onBlocked);
      return () => register(producerId, null);
    },
    [producerId, register, onBlocked],
  );
  return <audio ref={attach} autoPlay hidden data-producer-id={producerId} />;
}

/** Starts playback; only the autoplay refusal needs the user, other failures (e.g. a removed element) do not. */
function play(element: HTMLAudioElement, onBlocked: () => void): void {
  element.play().catch((error: unknown) => {
    if (error instanceof DOMException && error.name === 'NotAllowedError') onBlocked();
  });
}
