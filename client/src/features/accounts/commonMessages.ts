import type { Dictionary } from './dictionary';

/** Words every account page shares: who is signed in, roles, buttons, and the errors the account API answers with. */
const zh = {
  'accounts.signedInAs': '{name} · {role}',
  'accounts.signOut': '退出登录',
  'accounts.changePassword': '修改密码',
  'accounts.home': '首页',
  'accounts.library': '资源库',
  'accounts.timetable': '课表',
  'accounts.broadcasts': '名师直播',
  'accounts.loading': '正在加载…',
  'accounts.loadFailed': '没有加载成功：{message}',
  'accounts.retry': '重试',
  'accounts.save': '保存',
  'accounts.saved': '已保存',
  'accounts.cancel': '取消',
  'accounts.close': '关闭',
  'accounts.confirm': '确定',
  'accounts.copy': '复制',
  'accounts.copied': '已复制',
  'accounts.copyFailed': '无法自动复制，请选中后手动复制',
  'accounts.shownOnce': '只显示这一次，关闭后无法再查看。',
  'accounts.empty': '暂无记录',
  'accounts.never': '从未',
  'accounts.listSeparator': '、',
  'accounts.redirecting': '正在前往登录页…',

  'role.bureauAdmin': '教育局管理员',
  'role.schoolAdmin': '学校管理员',
  'role.teacher': '教师',
  'role.assistant': '辅导教师',
  'role.observer': '观课人员',
  'role.terminal': '教室终端',
  'role.guest': '访客',

  // The lesson pages' NOT_FOUND speaks of a lesson; here it may be any record.
  'accounts.error.NOT_FOUND': '找不到该记录，可能已被删除或不在您的管理范围内。',
  'accounts.error.CONFLICT': '已存在同名的记录（登录名、结对等不能重复）。',
  'accounts.error.FORBIDDEN': '您的账号没有权限进行此操作。',
  'accounts.error.BAD_REQUEST': '填写的内容不符合要求：{message}',
};

const en: Record<keyof typeof zh, string> = {
  'accounts.signedInAs': '{name} · {role}',
  'accounts.signOut': 'Sign out',
  'accounts.changePassword': 'Change password',
  'accounts.home': 'Home',
  'accounts.library': 'Library',
  'accounts.timetable': 'Timetable',
  'accounts.broadcasts': 'Live broadcasts',
  'accounts.loading': 'Loading…',
  'accounts.loadFailed': 'Could not load: {message}',
  'accounts.retry': 'Try again',
  'accounts.save': 'Save',
  'accounts.saved': 'Saved',
  'accounts.cancel': 'Cancel',
  'accounts.close': 'Close',
  'accounts.confirm': 'OK',
  'accounts.copy': 'Copy',
  'accounts.copied': 'Copied',
  'accounts.copyFailed': 'Could not copy automatically; select it and copy by hand',
  'accounts.shownOnce': 'Shown only this once; it cannot be seen again after closing.',
  'accounts.empty': 'Nothing yet',
  'accounts.never': 'never',
  'accounts.listSeparator': ', ',
  'accounts.redirecting': 'Going to the sign-in page…',

  'role.bureauAdmin': 'Bureau admin',
  'role.schoolAdmin': 'School admin',
  'role.teacher': 'Teacher',
  'role.assistant': 'Assistant teacher',
  'role.observer': 'Observer',
  'role.terminal': 'Classroom terminal',
  'role.guest': 'Guest',

  'accounts.error.NOT_FOUND': 'Not found: it may have been deleted, or it is outside what you manage.',
  'accounts.error.CONFLICT': 'That already exists (sign-in names, pairings … must be unique).',
  'accounts.error.FORBIDDEN': 'Your account may not do this.',
  'accounts.error.BAD_REQUEST': 'Something filled in is not accepted: {message}',
};

export type CommonKey = keyof typeof zh;
export const commonMessages: Dictionary<CommonKey> = { 'zh-CN': zh, en };
