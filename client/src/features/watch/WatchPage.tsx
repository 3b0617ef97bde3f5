import { useDictionary } from '../accounts/dictionary';
import { LessonStage } from '../classroom/LessonStage';
import { CommentBox } from '../observers/CommentBox';
import { watchMessages } from './watchMessages';

/**
 * A lesson watched, receive-only (`/lesson/:id/watch`): a guest link's
 * holder, an observer of the bureau, an admin looking in (巡课). The screen a
 * classroom sees, as the lesson directs it, with the other pictures along
 * the bottom; no own camera, no hand, no devices. main.tsx joined the lesson
 * as an observer before this page drew.
 */
export function WatchPage({ lessonId }: { lessonId: string }) {
  const t = useDictionary(watchMessages);
  return (
    <LessonStage
      testId="watch-page"
      titleBadge={
        <span className="status-badge status-badge--ended" data-testid="watch-badge" title={t('watch.hint')}>
          {t('watch.badge')}
        </span>
      }
      cornerTools={
        <>
          <CommentBox />
          {/* 评分 in its own tab: the lesson keeps playing here while the observer scores. */}
          <a className="watch-review-link" href={`/lesson/${encodeURIComponent(lessonId)}/review`} target="_blank" rel="noopener" data-testid="watch-review">
            {t('watch.review')}
          </a>
        </>
      }
    />
  );
}
