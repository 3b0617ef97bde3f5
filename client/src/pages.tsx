import type { ReactElement } from 'react';
import type { Route } from './route';

/**
 * The page of a route, each page its own chunk: a classroom never parses the
 * teacher's page, nor either of them the pre-class check or the account pages
 * (login, admin, a teacher's lessons, the terminal's waiting screen). Loaded before the
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
      return <ClassroomPage lessonId={route.lessonId} classroomId={route.classroomId} />;
    }
    case 'precheck': {
      const { PrecheckPage } = await import('./features/precheck/PrecheckPage');
      return <PrecheckPage lessonId={route.lessonId} classroomId={route.classroomId} />;
    }
    case 'watch': {
      const { WatchPage } = await import('./features/watch/WatchPage');
      return <WatchPage lessonId={route.lessonId} />;
    }
    case 'view': {
      const { WatchPage } = await import('./features/watch/WatchPage');
      return <WatchPage lessonId={route.lessonId} viewer />;
    }
    case 'terminal': {
      const { TerminalPage } = await import('./features/terminal/TerminalPage');
      return <TerminalPage />;
    }
    case 'login': {
      const { LoginPage } = await import('./features/login/LoginPage');
      return <LoginPage />;
    }
    case 'admin': {
      const { AdminPage } = await import('./features/admin/AdminPage');
      return <AdminPage />;
    }
    case 'teach': {
      const { TeachPage } = await import('./features/teach/TeachPage');
      return <TeachPage />;
    }
    case 'library': {
      const { LibraryPage } = await import('./features/library/LibraryPage');
      return <LibraryPage />;
    }
    case 'player': {
      const { PlayerPage } = await import('./features/library/PlayerPage');
      return <PlayerPage kind={route.kind} id={route.id} />;
    }
    case 'review': {
      const { ReviewPage } = await import('./features/review/ReviewPage');
      return <ReviewPage lessonId={route.lessonId} />;
    }
    case 'ranking': {
      const { RankingPage } = await import('./features/review/RankingPage');
      return <RankingPage />;
    }
    case 'timetable': {
      const { TimetablePage } = await import('./features/timetable/TimetablePage');
      return <TimetablePage />;
    }
    case 'dashboard': {
      const { DashboardPage } = await import('./features/dashboard/DashboardPage');
      return <DashboardPage />;
    }
    case 'inspection': {
      const { InspectionPage } = await import('./features/inspection/InspectionPage');
      return <InspectionPage />;
    }
    case 'live': {
      const { LivePage } = await import('./features/live/LivePage');
      return <LivePage hlsKey={route.hlsKey} />;
    }
    case 'broadcasts': {
      const { BroadcastsPage } = await import('./features/broadcasts/BroadcastsPage');
      return <BroadcastsPage />;
    }
    case 'home': {
      const { HomePage } = await import('./features/home/HomePage');
      return <HomePage />;
    }
  }
}
