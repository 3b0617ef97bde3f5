import type { Dictionary } from '../accounts/dictionary';

const zh = {
  'comments.placeholder': '写下评课意见（会记下这一刻的课堂时间）',
  'comments.send': '记下',
  'comments.sent': '已记下 · 第 {time}',
  'comments.liveOn': '实时看评课意见',
  'comments.liveOff': '收起评课意见',
  'comments.none': '还没有评课意见。',
  'comments.title': '评课意见',
};

const en: Record<keyof typeof zh, string> = {
  'comments.placeholder': 'Write a comment (it keeps this moment of the lesson)',
  'comments.send': 'Note it',
  'comments.sent': 'Noted · at {time}',
  'comments.liveOn': 'Show comments now',
  'comments.liveOff': 'Hide comments',
  'comments.none': 'No comments yet.',
  'comments.title': 'Comments',
};

export type CommentKey = keyof typeof zh;
export const commentMessages: Dictionary<CommentKey> = { 'zh-CN': zh, en };

/** A moment of the lesson as people say it: minutes and seconds from 开始上课 (— before it). */
export function lessonTime(lessonMs: number | null): string {
  if (lessonMs === null) return '—';
  const seconds = Math.floor(lessonMs / 1000);
  return `${Math.floor(seconds / 60)}:${String(seconds % 60).padStart(2, '0')}`;
}
