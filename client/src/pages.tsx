import type { ReactElement } from 'react';
import type { Route } from './route';

/**
 * The page of a route, each page its own chunk: a classroom never parses the
 * teacher's page, nor either of them the pre-class check. Loaded before the
 * first render rather than with React.lazy: a suspended first render would
 * wait React's fallback throttle (300 ms) before showing the page, and with it
 * the classroom's first picture.
 */
export async function pageFor(route: Route): Promise<ReactElement> {
  switch (route.page) {
    case 'teacher': {
      const { TeacherPage } = await import('./features/teacher/TeacherPage');
      return <TeacherPage />;
    }
    case 'classroom': {
      const { ClassroomPage } = await import('./features/classroom/ClassroomPage');
      return <ClassroomPage lessonId={route.lessonId} classroomId={route.classroomId} linkKey={route.linkKey} />;
    }
    case 'precheck': {
      const { PrecheckPage } = await import('./features/precheck/PrecheckPage');
      return <PrecheckPage lessonId={route.lessonId} classroomId={route.classroomId} linkKey={route.linkKey} />;
    }
    case 'home': {
      const { HomePage } = await import('./features/home/HomePage');
      return <HomePage />;
    }
  }
}
