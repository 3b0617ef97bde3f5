import { useEffect, useRef, useState } from 'react';
import { publicBroadcastSchema, signedInSchema, type PublicBroadcast } from '@shared';
import { useDictionary } from '../accounts/dictionary';
import { api, setSession } from '../auth/session';
import { patternReader } from '../latency/patternReader';
import { unwrapPatternTime } from '../latency/timestampPattern';
import { playLive, type PlayerState } from './hlsPlayer';
import { liveDictionary } from './liveMessages';
import './live.css';

/** The end-to-end tests read how far behind live the picture is (a source drawing the timestamp pattern). */
type LiveHooks = { tongtangLive?: { behindMs(): number | null; state(): PlayerState } };

/**
 * 名师直播's viewers' page: the broadcast's program over HLS, for a phone
 * upright or sideways or a classroom's big screen, with nothing to sign in
 * to: the address's key is the ticket. It starts muted (browsers play sound
 * only after a tap) with a big button for sound.
 */
export function LivePage({ hlsKey }: { hlsKey: string }) {
  const t = useDictionary(liveDictionary);
  const video = useRef<HTMLVideoElement>(null);
  const [about, setAbout] = useState<PublicBroadcast | null | 'missing'>(null);
  const [state, setState] = useState<PlayerState>('waiting');
  const [muted, setMuted] = useState(true);
  const [realtimeProblem, setRealtimeProblem] = useState<string | null>(null);
  // 实时观看: the key buys a viewer's session (while the broadcast is live), then the lesson is watched by WebRTC.
  const realtime = () => {
    api('/auth/broadcast', signedInSchema, { body: { key: hlsKey }, token: false }).then(
      (signed) => {
        setSession(signed);
        window.location.assign(`/lesson/${encodeURIComponent(signed.me.lessonId ?? '')}/view`);
      },
      (error: unknown) => setRealtimeProblem(error instanceof Error ? error.message : String(error)),
    );
  };

  useEffect(() => {
    api(`/broadcasts/by-key/${encodeURIComponent(hlsKey)}`, publicBroadcastSchema, { token: false }).then(setAbout, () => setAbout('missing'));
  }, [hlsKey]);

  useEffect(() => {
    const element = video.current;
    if (!element) return;
    const stop = playLive(element, `/api/media/live/${encodeURIComponent(hlsKey)}/index.m3u8`, setState);
    const read = patternReader();
    (window as unknown as LiveHooks).tongtangLive = {
      behindMs: () => {
        const value = read(element);
        return value === null ? null : Date.now() - unwrapPatternTime(value, Date.now());
      },
      state: () => state,
    };
    return stop;
    // `state` is read through the hook, not a reason to start the player again.
  }, [hlsKey]);

  const live = about !== null && about !== 'missing' ? about : null;
  return (
    <main className="live-page" data-testid="live-page" data-state={state}>
      <header className="live-page__head">
        <h1 className="live-page__title">{live?.title ?? t('live.title')}</h1>
        {live && (
          <p className="live-page__by">
            {state === 'playing' && <span className="live-page__on-air">{t('live.onAir')}</span>}
            {t('live.by', { teacher: live.teacherName, school: live.schoolName })}
          </p>
        )}
      </header>
      <div className="live-page__stage">
        <video ref={video} className="live-page__video" data-testid="live-video" autoPlay playsInline muted={muted} controls={state === 'playing'} />
        {state !== 'playing' && <p className="live-page__notice">{about === 'missing' ? t('live.notFound') : state === 'trouble' ? t('live.trouble') : t('live.waiting')}</p>}
        {state === 'playing' && muted && (
          <button type="button" className="live-page__unmute" onClick={() => setMuted(false)} data-testid="live-unmute">
            {t('live.unmute')}
          </button>
        )}
      </div>
      {live?.state === 'live' && (
        <button type="button" className="live-page__realtime" onClick={realtime} data-testid="live-realtime">
          {t('live.realtime')}
        </button>
      )}
      {realtimeProblem && <p className="live-page__notice-line">{t('live.realtimeFailed', { message: realtimeProblem })}</p>}
    </main>
  );
}
