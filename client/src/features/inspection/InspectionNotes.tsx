import { useState } from 'react';
import { z } from 'zod';
import { inspectionNoteSchema, MAX_INSPECTION_NOTE_LENGTH } from '@shared';
import { errorText } from '../accounts/apiError';
import { formatTime } from '../accounts/format';
import { LoadState } from '../accounts/LoadState';
import { useLoad } from '../accounts/useLoad';
import { api } from '../auth/session';
import { useI18nStore } from '../i18n/i18nStore';
import { lessonTime } from '../observers/lessonTime';
import type { InspectionTranslate } from './inspectionMessages';

/** 巡课记录 of one lesson: what inspectors noted, each stamped by the server with the time it was written, and a box for a new one. */
export function InspectionNotes({ lessonId, t }: { lessonId: string; t: InspectionTranslate }) {
  const locale = useI18nStore((state) => state.locale);
  const path = `/lessons/${encodeURIComponent(lessonId)}/inspection-notes`;
  const notes = useLoad(() => api(path, z.array(inspectionNoteSchema)), lessonId);
  const [text, setText] = useState('');
  const [saving, setSaving] = useState(false);
  const [problem, setProblem] = useState<string | null>(null);
  const save = async () => {
    setSaving(true);
    setProblem(null);
    try {
      await api(path, inspectionNoteSchema, { body: { text } });
      setText('');
      notes.reload();
    } catch (error) {
      setProblem(errorText(t, error));
    } finally {
      setSaving(false);
    }
  };
  return (
    <div className="inspection-notes" data-testid="inspection-notes">
      <h3 className="account-panel__title">{t('inspection.notes')}</h3>
      <textarea
        className="inspection-notes__text"
        value={text}
        maxLength={MAX_INSPECTION_NOTE_LENGTH}
        placeholder={t('inspection.notePlaceholder')}
        onChange={(event) => setText(event.target.value)}
        data-testid="inspection-note-text"
      />
      <button type="button" disabled={saving || text.trim() === ''} onClick={() => void save()} data-testid="inspection-note-save">
        {saving ? t('inspection.saving') : t('inspection.save')}
      </button>
      {problem && (
        <p className="form-error" role="alert">
          {problem}
        </p>
      )}
      <LoadState loaded={notes}>
        {(list) =>
          list.length === 0 ? (
            <p className="account-muted">{t('inspection.noNotes')}</p>
          ) : (
            <ol className="inspection-notes__list">
              {[...list].reverse().map((note) => (
                <li key={note.id} data-testid="inspection-note" data-at={note.at}>
                  <span className="inspection-notes__when">{t('inspection.noteAt', { time: formatTime(note.at, locale), lessonTime: lessonTime(note.lessonMs), author: note.authorName })}</span>
                  <p>{note.text}</p>
                </li>
              ))}
            </ol>
          )
        }
      </LoadState>
    </div>
  );
}
