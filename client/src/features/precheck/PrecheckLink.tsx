import { useT } from '../i18n/useT';
import '../../styles/precheck.css';

/** The classroom page's way to 课前检测: the same link with `/check`, so it needs nothing else. */
export function PrecheckLink({ lessonId, classroomId, linkKey }: { lessonId: string; classroomId: string; linkKey: string }) {
  const t = useT();
  const href = `/lesson/${encodeURIComponent(lessonId)}/classroom/${encodeURIComponent(classroomId)}/check?key=${encodeURIComponent(linkKey)}`;
  return (
    <a className="precheck-link" href={href} data-testid="open-precheck">
      {t('precheck.open')}
    </a>
  );
}
