import { useT } from '../i18n/useT';
import { shareCourseware, stopCourseware, useCoursewareStore } from './coursewareShare';

/** 共享课件 / 停止共享: one big button; the browser asks which window or screen. */
export function CoursewareButton({ enabled }: { enabled: boolean }) {
  const t = useT();
  const { sharing, failure } = useCoursewareStore();
  return (
    <span className="courseware-button">
      <button
        type="button"
        className={sharing ? 'button--active' : 'button--primary'}
        data-testid="courseware-toggle"
        aria-pressed={sharing}
        disabled={!enabled}
        onClick={() => void (sharing ? stopCourseware() : shareCourseware())}
      >
        {t(sharing ? 'courseware.stop' : 'courseware.share')}
      </button>
      {failure && (
        <span className="courseware-button__error" role="alert" data-testid="courseware-error">
          {t(`courseware.${failure}`)}
        </span>
      )}
    </span>
  );
}
