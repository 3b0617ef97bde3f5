/*
 * The Chinese dictionary defines the keys; the English one (messagesEn.ts) is typed
 * from it, so a missing or extra key is a compile error. `{name}` marks a value filled in by `t()`.
 */
export const zhCN = {
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

  'speaking.now': '正在发言',
  'floor.holderBadge': '有发言权',
  'floor.mutedBadge': '已静音',
  'mainView.pinned': '已固定',

  'hands.title': '举手（{count}）',
  'hands.empty': '暂无举手',
  'hands.waitingSeconds': '等待 {seconds} 秒',
  'hands.waitingMinutes': '等待 {minutes} 分 {seconds} 秒',
  'hands.grant': '请发言',
  'hands.lower': '放下',
  'hands.lowerAll': '全部放下',

  'floor.title': '发言权',
  'floor.discussionStart': '开始讨论',
  'floor.discussionEnd': '结束讨论',
  'floor.discussionOn': '讨论中 — 所有教室都能发言',
  'floor.holders': '有发言权：{count} / {max}',
  'floor.noHolders': '没有教室有发言权。',
  'floor.revoke': '收回发言权',

  'tile.mute': '静音',
  'tile.unmute': '取消静音',
  'tile.pin': '固定画面',
  'tile.unpin': '取消固定',

  'chat.title': '文字互动',
  'chat.open': '文字互动',
  'chat.close': '收起',
  'chat.unread': '{count} 条新消息',
  'chat.empty': '还没有消息。',
  'chat.inputLabel': '要发送的消息',
  'chat.placeholder': '输入消息，按回车发送',
  'chat.send': '发送',
  'chat.allow': '允许教室发言',
  'chat.forbid': '禁止教室发言',
  'chat.closed': '老师已关闭文字互动',
  'chat.closedForClassrooms': '教室现在不能发文字消息。',

  'classroom.raiseHand': '举手',
  'classroom.lowerHand': '放下手',
  'classroom.studentName': '学生姓名（可选）',
  'classroom.handRaised': '已举手，等待老师点名',
  'classroom.floorGranted': '请发言 — 其他学校正在听',
  'classroom.discussion': '讨论中 — 所有教室都能发言',
  'classroom.mutedByTeacher': '老师已将本教室静音',
  'classroom.micOff': '关闭麦克风',
  'classroom.micOn': '打开麦克风',
  'classroom.micOffHint': '本教室的麦克风已关闭，请点“打开麦克风”。',

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
  'error.CHAT_CLOSED': '老师已关闭文字互动。',
  'error.NO_FLOOR': '还没有发言权，请先举手。',
  'error.RATE_LIMITED': '发送太快了，请稍等。',
  'error.INTERNAL': '服务器出错了，请稍后刷新。',
  'error.network': '无法连接服务器，请检查网络。',
} satisfies Record<string, string>;

/** Every message the interface can show. */
export type MessageKey = keyof typeof zhCN;
