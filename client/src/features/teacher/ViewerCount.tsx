import { useT } from '../i18n/useT';
import { useViewerCount } from '../lesson/viewerCount';

/**
 * 观众: how many watch the broadcast by WebRTC, as the server counts them
 * (one update a second at most); shown only once there are any, so an
 * ordinary lesson's header stays as it was.
 */
export function ViewerCount() {
  const t = useT();
  const viewers = useViewerCount();
  if (viewers === 0) return null;
  return (
    <span className="page-header__count" data-testid="viewer-count" data-count={viewers}>
      {t('teacher.viewers', { count: viewers })}
    </span>
  );
}
