import type { LessonStatus } from '@shared';
import { useT } from '../i18n/useT';

/** 未开始 / 上课中 / 已下课, coloured so the teacher sees it at a glance. */
export function LessonStatusBadge({ status }: { status: LessonStatus }) {
  const t = useT();
  return (
    <span className={`status-badge status-badge--${status}`} data-testid="lesson-status" data-status={status}>
      {t(`status.${status}`)}
    </span>
  );
}
