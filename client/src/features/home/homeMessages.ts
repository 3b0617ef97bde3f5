import type { Dictionary } from '../accounts/dictionary';

const zh = {
  'home.welcome': '您好，{name}',
  'home.signIn': '登录',
  'home.signInHint': '老师和管理员请登录。',
  'home.terminalHint': '教室终端不需要登录：由学校管理员在“管理”中登记后，用登记链接打开，以后会自动进入本教室的课。',
  'home.admin': '管理',
  'home.teach': '我的课程',
  'home.terminal': '教室终端页面',
  'home.watch': '观看课程',
  'home.nothingHere': '您的账号在这里没有可用的页面；如需观课，请使用课程的链接。',
};

const en: Record<keyof typeof zh, string> = {
  'home.welcome': 'Hello, {name}',
  'home.signIn': 'Sign in',
  'home.signInHint': 'Teachers and administrators, please sign in.',
  'home.terminalHint': 'Classroom terminals do not sign in: the school admin registers them under Administration and opens the registration link; from then on they join their classroom’s lessons by themselves.',
  'home.admin': 'Administration',
  'home.teach': 'My lessons',
  'home.terminal': 'Classroom terminal page',
  'home.watch': 'Watch the lesson',
  'home.nothingHere': 'Your account has no page here; to watch a lesson, use its link.',
};

export type HomeKey = keyof typeof zh;
export const homeMessages: Dictionary<HomeKey> = { 'zh-CN': zh, en };
