import { useT } from '../i18n/useT';
import '../../styles/precheck.css';

/** The classroom page's way to 课前检测: the same address with `/check`, in the same session. */
export function PrecheckLink({ lessonId, classroomId }: { lessonId: string; classroomId: string }) {
  const t = useT();
  const href = `/lesson/${encodeURIComponent(lessonId)}/classroom/${encodeURIComponent(classroomId)}/check`;
  return (
    <a className="precheck-link" href={href} data-testid="open-precheck">
      {t('precheck.open')}
    </a>
  );
}
