import { useDictionary } from '../accounts/dictionary';
import { LessonStage } from '../classroom/LessonStage';
import { CommentBox } from '../observers/CommentBox';
import { QuestionBox } from '../questions/QuestionBox';
import { watchMessages } from './watchMessages';

/**
 * A lesson watched, receive-only (`/lesson/:id/watch`): a guest link's
 * holder, an observer of the bureau, an admin looking in (巡课). The screen a
 * classroom sees, as the lesson directs it, with the other pictures along
 * the bottom; no own camera, no hand, no devices. main.tsx joined the lesson
 * as an observer before this page drew. A broadcast's viewer (观众,
 * `/lesson/:id/view`, `viewer`) sees the same screen, without 评课.
 */
export function WatchPage({ lessonId, viewer = false }: { lessonId: string; viewer?: boolean }) {
  const t = useDictionary(watchMessages);
  return (
    <LessonStage
      testId={viewer ? 'view-page' : 'watch-page'}
      titleBadge={
        <span className={`status-badge ${viewer ? 'status-badge--live' : 'status-badge--ended'}`} data-testid={viewer ? 'view-badge' : 'watch-badge'} title={t(viewer ? 'watch.viewerHint' : 'watch.hint')}>
          {t(viewer ? 'watch.viewerBadge' : 'watch.badge')}
        </span>
      }
      aboveStrip={viewer ? <QuestionBox /> : null}
      cornerTools={
        viewer ? null : (
          <>
            <CommentBox />
            {/* 评分 in its own tab: the lesson keeps playing here while the observer scores. */}
            <a className="watch-review-link" href={`/lesson/${encodeURIComponent(lessonId)}/review`} target="_blank" rel="noopener" data-testid="watch-review">
              {t('watch.review')}
            </a>
          </>
        )
      }
    />
  );
}
