import { commonMessages, type CommonKey } from '../accounts/commonMessages';
import { joinDictionaries, type Dictionary, type PageTranslate } from '../accounts/dictionary';

const zh = {
  'inspection.title': '在线巡课',
  'inspection.notAllowed': '您的账号不能巡课。',
  'inspection.hint': '点一下画面收听这节课的声音；点“放大观看”看大画面、写巡课记录。课堂里的师生看不到您。',
  'inspection.none': '现在没有正在上的课。',
  'inspection.count': '正在上课 {total} 节',
  'inspection.page': '第 {page} / {pages} 页',
  'inspection.previous': '← 上一页',
  'inspection.next': '下一页 →',
  'inspection.listening': '♪ 正在收听',
  'inspection.listen': '点击收听',
  'inspection.enlarge': '放大观看',
  'inspection.back': '← 返回巡课',
  'inspection.classrooms': '到课教室 {present} / {expected}',
  'inspection.since': '已上课 {minutes} 分钟',
  'inspection.connecting': '正在连接…',
  'inspection.ended': '这节课已下课',
  'inspection.elsewhere': '您在另一个窗口巡这节课',
  'inspection.failed': '连接失败：{reason}',
  'inspection.noPicture': '这节课还没有画面',
  'inspection.notes': '巡课记录',
  'inspection.notePlaceholder': '写下您看到的情况，例如：课堂秩序良好，学生互动积极。',
  'inspection.save': '记下',
  'inspection.saving': '正在保存…',
  'inspection.noNotes': '还没有巡课记录。',
  'inspection.noteAt': '{time} · 第 {lessonTime} 分钟 · {author}',
} as const;

const en: Record<keyof typeof zh, string> = {
  'inspection.title': 'Lesson inspection',
  'inspection.notAllowed': 'Your account cannot inspect lessons.',
  'inspection.hint': 'Click a picture to hear that lesson; “Watch large” shows it large and lets you write an inspection note. Nobody in the lessons sees you.',
  'inspection.none': 'No lesson is being taught now.',
  'inspection.count': '{total} lessons being taught',
  'inspection.page': 'Page {page} of {pages}',
  'inspection.previous': '← Previous',
  'inspection.next': 'Next →',
  'inspection.listening': '♪ Listening',
  'inspection.listen': 'Click to listen',
  'inspection.enlarge': 'Watch large',
  'inspection.back': '← Back to the grid',
  'inspection.classrooms': 'Classrooms in {present} / {expected}',
  'inspection.since': 'Taught for {minutes} min',
  'inspection.connecting': 'Connecting…',
  'inspection.ended': 'This lesson has ended',
  'inspection.elsewhere': 'You are inspecting this lesson in another window',
  'inspection.failed': 'Could not connect: {reason}',
  'inspection.noPicture': 'No picture from this lesson yet',
  'inspection.notes': 'Inspection notes',
  'inspection.notePlaceholder': 'What you saw, e.g.: the class is orderly and the students take part well.',
  'inspection.save': 'Save note',
  'inspection.saving': 'Saving…',
  'inspection.noNotes': 'No inspection notes yet.',
  'inspection.noteAt': '{time} · minute {lessonTime} · {author}',
};

export type InspectionKey = keyof typeof zh;
export const inspectionDictionary = joinDictionaries<InspectionKey, CommonKey>({ 'zh-CN': zh, en } satisfies Dictionary<InspectionKey>, commonMessages);
export type InspectionTranslate = PageTranslate<InspectionKey | CommonKey>;
