import type { Dictionary } from '../accounts/dictionary';

const zh = {
  'terminal.waiting': '等待上课',
  'terminal.waitingHint': '上课时间到了，本屏幕会自动进入课堂，无需操作。',
  'terminal.offline': '暂时连不上服务器，正在重试…',
  'terminal.joining': '正在进入课堂…',
  'terminal.starting': '正在连接…',
  'terminal.next': '下一节课',
  'terminal.unregistered': '此终端尚未登记或已被停用，请联系学校管理员',
  'terminal.unregisteredHint': '学校管理员在“管理 → 教室与终端”中为本教室登记终端，再在这台电脑上打开登记链接。',
};

const en: Record<keyof typeof zh, string> = {
  'terminal.waiting': 'Waiting for the next lesson',
  'terminal.waitingHint': 'When the lesson begins this screen joins it by itself; nothing to do.',
  'terminal.offline': 'The server cannot be reached for the moment; retrying…',
  'terminal.joining': 'Joining the lesson…',
  'terminal.starting': 'Connecting…',
  'terminal.next': 'Next lesson',
  'terminal.unregistered': 'This terminal is not registered or has been revoked. Please contact the school admin.',
  'terminal.unregisteredHint': "The school admin registers a terminal for this classroom under Administration → Classrooms & terminals, then opens its link on this computer.",
};

export type TerminalKey = keyof typeof zh;
export const terminalMessages: Dictionary<TerminalKey> = { 'zh-CN': zh, en };
