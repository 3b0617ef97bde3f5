import { useState } from 'react';
import { useT } from '../i18n/useT';
import { precheck } from './precheckService';
import { usePrecheckStore } from './precheckStore';

/** The one step that needs the person in the room: play the chime, then say whether it was heard (big buttons). */
export function SpeakerCheck() {
  const t = useT();
  const played = usePrecheckStore((state) => state.soundPlayed);
  const speaker = usePrecheckStore((state) => state.speaker);
  const [playing, setPlaying] = useState(false);
  const play = async () => {
    setPlaying(true);
    try {
      await precheck.playSound();
    } finally {
      setPlaying(false);
    }
  };
  return (
    <section className="precheck-speaker" data-testid="precheck-step-speaker" data-result={speaker.state === 'done' ? speaker.result : ''}>
      <h2>{t('precheck.step.speaker')}</h2>
      <p>{speaker.state === 'done' ? t(`precheck.speaker.${speaker.result}`) : t('precheck.speaker.question')}</p>
      <button type="button" className="big-button" onClick={() => void play()} disabled={playing} data-testid="speaker-play">
        {t('precheck.speaker.play')}
      </button>
      <div className="precheck-speaker__answers">
        <button type="button" className="big-button big-button--start" disabled={!played} onClick={() => void precheck.answerSpeaker(true)} data-testid="speaker-heard">
          {t('precheck.speaker.yes')}
        </button>
        <button type="button" className="big-button big-button--end" disabled={!played} onClick={() => void precheck.answerSpeaker(false)} data-testid="speaker-not-heard">
          {t('precheck.speaker.no')}
        </button>
      </div>
    </section>
  );
}
