import './zodJitless';
import { takeCredentialFromAddress } from './features/auth/session';
import { joinLesson } from './features/join/joinLesson';
import { pageFor } from './pages';
import { parseRoute } from './route';
import './styles/base.css';
import './styles/video.css';
import './styles/teacher.css';
import './styles/chat.css';
import './styles/classroom.css';
import './styles/stage.css';

// A lesson page joins first, before React DOM and the page's code are even parsed (index.html preloads
// them meanwhile): the socket connects and the camera opens while the interface loads. joinLesson runs
// once per page load; this entry holds only what joining needs.
// A terminal's or guest's credential in the address is exchanged for the session first (and leaves the address).
const route = parseRoute(window.location.pathname);
const signedIn = takeCredentialFromAddress().catch((error: unknown) => console.warn('the link could not be used', error));
if (route.page === 'teacher') void signedIn.then(() => joinLesson({ lessonId: route.lessonId, role: 'teacher' }));
if (route.page === 'classroom') void signedIn.then(() => joinLesson({ lessonId: route.lessonId, role: 'classroom', classroomId: route.classroomId }));
if (route.page === 'watch') void signedIn.then(() => joinLesson({ lessonId: route.lessonId, role: 'observer' }));
if (route.page === 'view') void signedIn.then(() => joinLesson({ lessonId: route.lessonId, role: 'viewer' }));

// React DOM and the page's chunk at once (index.html preloads both for a lesson page).
Promise.all([import('./showPage'), pageFor(route)]).then(
  ([{ showPage }, page]) => showPage(page),
  (error: unknown) => {
    // A line that dropped while loading: the placeholder says so instead of staying forever.
    console.error('the page could not load', error);
    document.querySelector('.page-placeholder')?.replaceChildren('加载失败，请刷新页面 · Could not load, please reload');
  },
);
