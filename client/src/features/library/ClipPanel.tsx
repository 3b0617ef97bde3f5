import { useState, type RefObject } from 'react';
import { clipSchema, type Clip } from '@shared';
import { api } from '../auth/session';
import { ConfirmButton } from '../accounts/ConfirmButton';
import { RequestError } from '../accounts/RequestError';
import { useRequest } from '../accounts/useRequest';
import { usePosition } from './ChapterTimeline';
import { clock } from './libraryText';
import type { LibraryTranslate } from './libraryMessages';

export interface ClipMarks {
  inMs: number | null;
  outMs: number | null;
}

/**
 * 制作微课: 设为起点 and 设为终点 take the player's position; a title, a
 * description, and 制作微课 sends the cut. The clips of the recording
 * follow, each with its progress while it is made.
 */
export function ClipPanel({ t, recordingId, video, marks, onMarks, onMade }: { t: LibraryTranslate; recordingId: string; video: RefObject<HTMLVideoElement | null>; marks: ClipMarks; onMarks(marks: ClipMarks): void; onMade(): void }) {
  const { positionMs } = usePosition(video);
  const [title, setTitle] = useState('');
  const [description, setDescription] = useState('');
  const [problem, setProblem] = useState<'order' | 'name' | null>(null);
  const request = useRequest();
  const { inMs, outMs } = marks;
  const make = () => {
    if (inMs === null || outMs === null || outMs - inMs < 1000) return setProblem('order');
    if (!title.trim()) return setProblem('name');
    setProblem(null);
    void request
      .run(async () => {
        await api(`/recordings/${encodeURIComponent(recordingId)}/clips`, clipSchema, { body: { title: title.trim(), description: description.trim(), inMs: Math.round(inMs), outMs: Math.round(outMs) } });
      })
      .then((ok) => {
        if (!ok) return;
        setTitle('');
        setDescription('');
        onMarks({ inMs: null, outMs: null });
        onMade();
      });
  };
  return (
    <section className="account-panel clip-panel" data-testid="clip-panel">
      <h2 className="account-panel__title">{t('clip.title')}</h2>
      <p className="account-hint">{t('clip.explain')}</p>
      <div className="clip-panel__marks">
        <button type="button" className="clip-panel__mark" data-testid="clip-set-in" onClick={() => onMarks({ inMs: positionMs, outMs })}>
          {t('clip.setIn')}
        </button>
        <button type="button" className="clip-panel__mark" data-testid="clip-set-out" onClick={() => onMarks({ inMs, outMs: positionMs })}>
          {t('clip.setOut')}
        </button>
      </div>
      <p className="clip-panel__times" data-testid="clip-marks">
        {t('clip.in', { time: inMs === null ? '–' : clock(inMs) })} · {t('clip.out', { time: outMs === null ? '–' : clock(outMs) })}
        {inMs !== null && outMs !== null && outMs > inMs ? ` · ${t('clip.length', { time: clock(outMs - inMs) })}` : ''}
      </p>
      <label className="field">
        <span>{t('clip.name')}</span>
        <input data-testid="clip-title" value={title} maxLength={200} onChange={(e) => setTitle(e.target.value)} />
      </label>
      <label className="field">
        <span>{t('clip.description')}</span>
        <textarea className="clip-panel__description" data-testid="clip-description" value={description} maxLength={2000} onChange={(e) => setDescription(e.target.value)} />
      </label>
      {problem && (
        <p className="form-error" role="alert" data-testid="clip-problem">
          {t(`clip.problem.${problem}`)}
        </p>
      )}
      <RequestError error={request.error} />
      <button type="button" className="big-button big-button--start" data-testid="clip-make" disabled={request.pending} onClick={make}>
        {t('clip.make')}
      </button>
    </section>
  );
}

/** The micro-lessons of a recording: ready ones open in the player, ones being made show their progress. */
export function ClipList({ t, clips, mayDelete, onDeleted }: { t: LibraryTranslate; clips: Clip[]; mayDelete: boolean; onDeleted(): void }) {
  if (clips.length === 0) return null;
  return (
    <section className="account-panel">
      <h2 className="account-panel__title">{t('clip.list')}</h2>
      <ul className="clip-list" data-testid="clip-list">
        {clips.map((clip) => (
          <li key={clip.id} className="clip-list__item" data-testid="clip-item" data-status={clip.status} data-method={clip.method}>
            {clip.status === 'ready' ? (
              <a className="link-button" href={`/library/clip/${encodeURIComponent(clip.id)}`}>
                {clip.title}
              </a>
            ) : (
              <strong>{clip.title}</strong>
            )}
            <span className="account-muted">
              {clock(clip.inMs)} – {clock(clip.outMs)} · {t(`clip.${clip.method}`)}
            </span>
            {clip.status === 'making' && (
              <span className="clip-list__progress">
                <progress max={1} value={clip.progress} data-testid="clip-progress" />
                {t('clip.making', { title: clip.title, percent: Math.round(clip.progress * 100) })}
              </span>
            )}
            {clip.status === 'ready' && <span className="state state--ok">{t('clip.ready', { title: clip.title })}</span>}
            {clip.status === 'failed' && <span className="state state--warn">{t('clip.failed', { title: clip.title })}</span>}
            {mayDelete && (
              <ConfirmButton
                label={t('clip.delete')}
                question={t('clip.deleteQuestion', { title: clip.title })}
                testId="clip-delete"
                onConfirm={() => void api(`/clips/${encodeURIComponent(clip.id)}/delete`, clipSchema.pick({}), { method: 'POST' }).then(onDeleted, onDeleted)}
              />
            )}
          </li>
        ))}
      </ul>
    </section>
  );
}
