import { useEffect, useMemo } from 'react';
import { ClassroomPage } from './features/classroom/ClassroomPage';
import { HomePage } from './features/home/HomePage';
import { useI18nStore } from './features/i18n/i18nStore';
import { PrecheckPage } from './features/precheck/PrecheckPage';
import { TeacherPage } from './features/teacher/TeacherPage';
import { parseRoute } from './route';

/** Chooses the page from the address; each link opens exactly one page for the life of the tab. */
export function App() {
  const route = useMemo(() => parseRoute(window.location.pathname, window.location.search), []);
  const locale = useI18nStore((state) => state.locale);

  // Screen readers and the browser's own translate offer follow the page's language.
  useEffect(() => {
    document.documentElement.lang = locale;
  }, [locale]);

  switch (route.page) {
    case 'teacher':
      return <TeacherPage />;
    case 'classroom':
      return <ClassroomPage lessonId={route.lessonId} classroomId={route.classroomId} linkKey={route.linkKey} />;
    case 'precheck':
      return <PrecheckPage lessonId={route.lessonId} classroomId={route.classroomId} linkKey={route.linkKey} />;
    case 'home':
      return <HomePage />;
  }
}
