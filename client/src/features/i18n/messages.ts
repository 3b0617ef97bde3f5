/** The languages the interface speaks; zh-CN first, because the classrooms read Chinese. */
export type Locale = 'zh-CN' | 'en';

/*
 * The Chinese dictionary defines the keys. The English one is typed from it, so a
 * missing or extra key is a compile error. `{name}` marks a value filled in by `t()`.
 */
const zhCN = {
  'app.title': '同堂 Tongtang',
  'home.hint': '请用老师或教室的专用链接打开本页。链接在服务器启动时打印。',
  'language.other': 'English',

  'status.waiting': '未开始',
  'status.live': '上课中',
  'status.ended': '已下课',

  'lesson.joining': '正在进入课堂…',
  'lesson.start': '开始上课',
  'lesson.end': '下课',
  'lesson.changeFailed': '操作没有成功：{message}',

  'teacher.selfLabel': '{name}（我）',
  'teacher.classroomsOnline': '在线教室：{count}',
  'teacher.noClassrooms': '还没有教室进入课堂。',

  'classroom.selfLabel': '本教室',
  'classroom.connecting': '正在连接课堂…',
  'classroom.teacherAbsent': '老师尚未进入课堂',
  'classroom.waiting': '等待老师开始上课',
  'classroom.ended': '已下课',

  'video.noPicture': '无画面',
  'sound.enable': '点击开启声音',

  'device.camera.missing': '没有找到摄像头，其他教室将看不到本教室的画面，课堂照常进行。',
  'device.camera.denied': '浏览器没有允许使用摄像头。请点击地址栏左侧的图标，允许摄像头后刷新页面。',
  'device.camera.busy': '摄像头正被其他程序占用，请关闭其他程序后刷新页面。',
  'device.camera.error': '摄像头无法打开。',
  'device.microphone.missing': '没有找到麦克风，其他教室将听不到本教室的声音，课堂照常进行。',
  'device.microphone.denied': '浏览器没有允许使用麦克风。请点击地址栏左侧的图标，允许麦克风后刷新页面。',
  'device.microphone.busy': '麦克风正被其他程序占用，请关闭其他程序后刷新页面。',
  'device.microphone.error': '麦克风无法打开。',

  'connection.reconnecting': '网络中断，正在重新连接…',
  'connection.replaced': '此链接已在另一台电脑上打开，本页已停止。',

  'error.BAD_REQUEST': '请求有误，请刷新页面。',
  'error.UNKNOWN_REQUEST': '请求有误，请刷新页面。',
  'error.PAYLOAD_TOO_LARGE': '请求有误，请刷新页面。',
  'error.UNAUTHORIZED': '链接无效或已过期，请向老师索取新的链接。',
  'error.FORBIDDEN': '没有权限进行此操作。',
  'error.NOT_JOINED': '尚未进入课堂，请刷新页面。',
  'error.NOT_FOUND': '找不到这节课。',
  'error.LESSON_ENDED': '这节课已经结束。',
  'error.UNAVAILABLE': '服务器暂时不可用，正在重试…',
  'error.RATE_LIMITED': '操作太频繁，请稍后再试。',
  'error.INTERNAL': '服务器出错了，请稍后刷新。',
  'error.network': '无法连接服务器，请检查网络。',
} satisfies Record<string, string>;

/** Every message the interface can show. */
export type MessageKey = keyof typeof zhCN;

const en: Record<MessageKey, string> = {
  'app.title': 'Tongtang 同堂',
  'home.hint': "Please open this page with the teacher's or a classroom's own link. The links are printed when the server starts.",
  'language.other': '中文',

  'status.waiting': 'Not started',
  'status.live': 'In class',
  'status.ended': 'Class over',

  'lesson.joining': 'Joining the lesson…',
  'lesson.start': 'Start class',
  'lesson.end': 'End class',
  'lesson.changeFailed': 'That did not work: {message}',

  'teacher.selfLabel': '{name} (me)',
  'teacher.classroomsOnline': 'Classrooms online: {count}',
  'teacher.noClassrooms': 'No classroom has joined yet.',

  'classroom.selfLabel': 'This classroom',
  'classroom.connecting': 'Connecting to the lesson…',
  'classroom.teacherAbsent': 'The teacher has not joined yet',
  'classroom.waiting': 'Waiting for the teacher to start the class',
  'classroom.ended': 'Class is over',

  'video.noPicture': 'No picture',
  'sound.enable': 'Click to turn on sound',

  'device.camera.missing': 'No camera found. Other classrooms will not see this classroom; the lesson goes on.',
  'device.camera.denied':
    'The browser has not allowed the camera. Click the icon left of the address bar, allow the camera, then reload the page.',
  'device.camera.busy': 'The camera is being used by another program. Close the other program, then reload the page.',
  'device.camera.error': 'The camera could not be opened.',
  'device.microphone.missing': 'No microphone found. Other classrooms will not hear this classroom; the lesson goes on.',
  'device.microphone.denied':
    'The browser has not allowed the microphone. Click the icon left of the address bar, allow the microphone, then reload the page.',
  'device.microphone.busy': 'The microphone is being used by another program. Close the other program, then reload the page.',
  'device.microphone.error': 'The microphone could not be opened.',

  'connection.reconnecting': 'Network lost, reconnecting…',
  'connection.replaced': 'This link has been opened on another computer; this page has stopped.',

  'error.BAD_REQUEST': 'The request was not understood. Please reload the page.',
  'error.UNKNOWN_REQUEST': 'The request was not understood. Please reload the page.',
  'error.PAYLOAD_TOO_LARGE': 'The request was not understood. Please reload the page.',
  'error.UNAUTHORIZED': 'This link is not valid or has expired. Please ask the teacher for a new link.',
  'error.FORBIDDEN': 'You are not allowed to do this.',
  'error.NOT_JOINED': 'Not in the lesson yet. Please reload the page.',
  'error.NOT_FOUND': 'This lesson cannot be found.',
  'error.LESSON_ENDED': 'This lesson has ended.',
  'error.UNAVAILABLE': 'The server is unavailable for the moment; retrying…',
  'error.RATE_LIMITED': 'Too many actions at once. Please try again in a moment.',
  'error.INTERNAL': 'The server ran into a problem. Please reload the page later.',
  'error.network': 'Cannot reach the server. Please check the network.',
};

export const messages: Record<Locale, Record<MessageKey, string>> = { 'zh-CN': zhCN, en };
