import { commonMessages, type CommonKey } from '../accounts/commonMessages';
import { joinDictionaries, type Dictionary, type PageTranslate } from '../accounts/dictionary';

const zh = {
  'login.title': '登录',
  'login.login': '登录名',
  'login.loginHint': '工号、手机号或管理员给您的登录名',
  'login.password': '密码',
  'login.submit': '登录',
  'login.signingIn': '正在登录…',
  'login.or': '或',
  'login.sso': '用{bureau}统一身份认证登录',
  'login.terminalHint': '教室终端不需要登录：由学校管理员登记后，用登记链接打开即可。',
  'login.error.UNAUTHORIZED': '登录名或密码不正确。',
  'login.error.FORBIDDEN': '此账号不能登录（可能已被停用），请联系管理员。',
  'login.error.RATE_LIMITED': '尝试次数太多，请过几分钟再试。',
  'login.error.UNAVAILABLE': '无法连接服务器，请检查网络后再试。',
  'login.error.sso': '统一身份认证登录没有成功（{reason}）。请再试一次，或用登录名和密码登录。',
  'login.error.empty': '请填写登录名和密码。',

  'password.title': '修改密码',
  'password.firstLogin': '这是您第一次登录，或管理员刚重置了您的密码：请先设置您自己的新密码。',
  'password.current': '当前密码',
  'password.next': '新密码（至少 10 个字符）',
  'password.again': '再次输入新密码',
  'password.submit': '修改密码并继续',
  'password.saving': '正在保存…',
  'password.tooShort': '新密码至少需要 10 个字符。',
  'password.tooLong': '新密码太长（最多 256 个字符）。',
  'password.mismatch': '两次输入的新密码不一样。',
  'password.unchanged': '新密码不能与当前密码相同。',
  'password.error.UNAUTHORIZED': '当前密码不正确。',
  'password.error.BAD_REQUEST': '新密码不符合要求（至少 10 个字符）。',
  'password.skip': '暂不修改，返回',
};

const en: Record<keyof typeof zh, string> = {
  'login.title': 'Sign in',
  'login.login': 'Sign-in name',
  'login.loginHint': 'Staff number, phone number or the name your admin gave you',
  'login.password': 'Password',
  'login.submit': 'Sign in',
  'login.signingIn': 'Signing in…',
  'login.or': 'or',
  'login.sso': 'Sign in through {bureau}',
  'login.terminalHint': 'Classroom terminals do not sign in: the school admin registers them and they open their registration link.',
  'login.error.UNAUTHORIZED': 'Wrong sign-in name or password.',
  'login.error.FORBIDDEN': 'This account cannot sign in (it may have been disabled). Please ask your admin.',
  'login.error.RATE_LIMITED': 'Too many attempts. Please try again in a few minutes.',
  'login.error.UNAVAILABLE': 'Cannot reach the server. Please check the network and try again.',
  'login.error.sso': 'Single sign-on did not work ({reason}). Please try again, or sign in with name and password.',
  'login.error.empty': 'Please fill in your sign-in name and password.',

  'password.title': 'Change password',
  'password.firstLogin': 'This is your first sign-in, or your admin has just reset your password: please set a new password of your own first.',
  'password.current': 'Current password',
  'password.next': 'New password (at least 10 characters)',
  'password.again': 'New password again',
  'password.submit': 'Change password and go on',
  'password.saving': 'Saving…',
  'password.tooShort': 'The new password needs at least 10 characters.',
  'password.tooLong': 'The new password is too long (256 characters at most).',
  'password.mismatch': 'The two new passwords are not the same.',
  'password.unchanged': 'The new password must differ from the current one.',
  'password.error.UNAUTHORIZED': 'The current password is wrong.',
  'password.error.BAD_REQUEST': 'The new password is not accepted (at least 10 characters).',
  'password.skip': 'Not now, go back',
};

export type LoginKey = keyof typeof zh;
export const loginMessages: Dictionary<LoginKey> = { 'zh-CN': zh, en };

/** The login page's words and those every account page shares. */
export const loginDictionary = joinDictionaries(loginMessages, commonMessages);
export type LoginTranslate = PageTranslate<LoginKey | CommonKey>;
