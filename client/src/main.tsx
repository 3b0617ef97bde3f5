import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './App';
import { joinLesson } from './features/join/joinLesson';
import { parseRoute } from './route';
import './styles/base.css';
import './styles/video.css';
import './styles/teacher.css';
import './styles/chat.css';
import './styles/classroom.css';
import './styles/stage.css';

// A lesson page joins here, before React's first render (a few hundred ms on a school PC): a classroom
// that opens its link sees the teacher that much sooner. joinLesson runs once per page load.
const route = parseRoute(window.location.pathname, window.location.search);
if (route.page === 'teacher') joinLesson({ lessonId: route.lessonId, role: 'teacher', key: route.linkKey });
if (route.page === 'classroom') joinLesson({ lessonId: route.lessonId, role: 'classroom', classroomId: route.classroomId, key: route.linkKey });

const root = document.getElementById('root');
if (!root) throw new Error('index.html has no #root element');

createRoot(root).render(
  <StrictMode>
    <App />
  </StrictMode>,
);
