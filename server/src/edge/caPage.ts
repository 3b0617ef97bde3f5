import type { IncomingMessage, ServerResponse } from 'node:http';
import type { OwnCa } from './certificates.js';

/** The paths of the CA page and its downloads; served over plain HTTP too (see listen.ts). */
export const isCaPath = (url: string | undefined): boolean => /^\/ca(\.crt|\.pem)?\/?(\?.*)?$/.test(url ?? '');

/** A simple picture of a screen: a window with a title bar, a list of labelled rows and one highlighted row. */
function screen(title: string, rows: string[], highlighted: number): string {
  const height = 46 + rows.length * 26;
  const items = rows
    .map((row, i) => {
      const y = 40 + i * 26;
      const on = i === highlighted;
      return `<rect x="14" y="${y}" width="252" height="22" rx="4" fill="${on ? '#dbeafe' : '#f8fafc'}" stroke="${on ? '#2563eb' : '#e2e8f0'}"/>` +
        `<text x="24" y="${y + 15}" font-size="12" fill="${on ? '#1d4ed8' : '#334155'}">${row}</text>`;
    })
    .join('');
  return `<svg role="img" aria-label="${title}" viewBox="0 0 280 ${height}" width="280" height="${height}" xmlns="http://www.w3.org/2000/svg">` +
    `<rect x="1" y="1" width="278" height="${height - 2}" rx="8" fill="#fff" stroke="#94a3b8"/>` +
    `<rect x="1" y="1" width="278" height="28" rx="8" fill="#e2e8f0"/><text x="14" y="20" font-size="12" font-weight="bold" fill="#0f172a">${title}</text>` +
    `${items}</svg>`;
}

interface Platform {
  id: string;
  title: string;
  steps: string[];
  picture: string;
}

const platforms: Platform[] = [
  {
    id: 'windows',
    title: 'Windows',
    steps: [
      '下载 <a href="/ca.crt">ca.crt</a>，双击打开，点“安装证书…”。',
      '选“本地计算机”（或“当前用户”），再选“将所有的证书都放入下列存储” → “浏览” → <b>受信任的根证书颁发机构</b>。',
      '点“完成”，在安全警告中核对指纹后点“是”。已安装的证书可在 <code>certmgr.msc</code> 的“受信任的根证书颁发机构 → 证书”里看到。',
      '关闭并重新打开浏览器。',
    ],
    picture: screen('证书导入向导', ['个人', '受信任的根证书颁发机构', '企业信任', '中间证书颁发机构'], 1),
  },
  {
    id: 'chromeos',
    title: 'Chrome OS',
    steps: [
      '下载 <a href="/ca.crt">ca.crt</a>。',
      '打开 <code>chrome://settings/certificates</code>，选 <b>授权机构</b> 标签，点“导入”，选刚下载的文件。',
      '勾选“信任该证书，以标识网站的身份”，点“确定”。',
    ],
    picture: screen('管理证书', ['您的证书', '服务器', '授权机构', '其他'], 2),
  },
  {
    id: 'android',
    title: 'Android 一体机 / 平板',
    steps: [
      '用浏览器下载 <a href="/ca.crt">ca.crt</a>。',
      '打开 <b>设置 → 安全 → 加密与凭据 → 安装证书 → CA 证书</b>（不同品牌可能叫“更多安全设置”或“从存储设备安装”）。',
      '出现提示时点“仍然安装”，选刚下载的 ca.crt。',
      '在“信任的凭据 → 用户”里能看到“同堂 Tongtang CA”即完成。',
    ],
    picture: screen('加密与凭据', ['信任的凭据', '用户凭据', '安装证书', '  CA 证书', '  VPN 和应用用户证书'], 3),
  },
  {
    id: 'apple',
    title: 'macOS / iPad',
    steps: [
      'iPad：用 Safari 下载 <a href="/ca.crt">ca.crt</a>，点“允许”；到 <b>设置 → 通用 → VPN 与设备管理</b> 安装该<b>描述文件</b>；再到 <b>设置 → 通用 → 关于本机 → 证书信任设置</b>，打开“同堂 Tongtang CA”的开关。',
      'macOS：下载 <a href="/ca.pem">ca.pem</a>，双击在<b>钥匙串访问</b>中打开（放入“系统”钥匙串）；双击该证书，在“信任”中把“使用此证书时”设为“始终信任”。',
    ],
    picture: screen('证书信任设置', ['启用对根证书的完全信任', '同堂 Tongtang CA          ●'], 1),
  },
];

const english = `
<h2 lang="en">In English</h2>
<p lang="en">This server uses its own certificate authority (CA) for HTTPS, which browsers require before a page may use the camera and microphone.
Trust this CA once on every classroom computer, board or tablet: download <a href="/ca.crt">ca.crt</a> (or <a href="/ca.pem">ca.pem</a>),
check that its SHA-256 fingerprint is the one shown above, then:</p>
<ul lang="en">
<li><b>Windows</b>: open ca.crt → Install Certificate → Local Machine → place in <i>Trusted Root Certification Authorities</i> (see <code>certmgr.msc</code>). Restart the browser.</li>
<li><b>Chrome OS</b>: <code>chrome://settings/certificates</code> → <i>Authorities</i> → Import → tick “Trust this certificate for identifying websites”.</li>
<li><b>Android boards</b>: Settings → Security → Encryption &amp; credentials → Install a certificate → <i>CA certificate</i>.</li>
<li><b>iPad</b>: download in Safari, install the profile (Settings → General → VPN &amp; Device Management), then enable it in Settings → General → About → <i>Certificate Trust Settings</i>.
<b>macOS</b>: open ca.pem in Keychain Access (System keychain) and set it to <i>Always Trust</i>.</li>
</ul>`;

/** The page that tells a school's IT person how to trust the server's CA, in Chinese first and English below. */
export function caPageHtml(ca: OwnCa, httpsUrl: string): string {
  const sections = platforms
    .map((p) => `<section id="${p.id}"><h3>${p.title}</h3><div class="row"><ol>${p.steps.map((s) => `<li>${s}</li>`).join('')}</ol>${p.picture}</div></section>`)
    .join('\n');
  return `<!doctype html>
<html lang="zh-CN"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>同堂 · 信任本服务器的证书</title>
<style>body{font-family:system-ui,"Microsoft YaHei","WenQuanYi Micro Hei",sans-serif;max-width:860px;margin:2rem auto;padding:0 1rem;color:#0f172a;line-height:1.6}
.download a{display:inline-block;margin:0 .5rem .5rem 0;padding:.5rem 1rem;background:#2563eb;color:#fff;border-radius:6px;text-decoration:none}
code,.fp{font-family:ui-monospace,monospace;background:#f1f5f9;padding:0 .25rem;border-radius:4px}.fp{display:block;padding:.5rem;word-break:break-all}
.row{display:flex;gap:1.5rem;flex-wrap:wrap;align-items:flex-start}.row ol{flex:1;min-width:260px;margin:0}section{border-top:1px solid #e2e8f0;padding:.5rem 0 1rem}</style></head>
<body>
<h1>信任本服务器的证书（每台终端一次）</h1>
<p>同堂使用本服务器自己的证书颁发机构（CA）提供 HTTPS。浏览器只在安全连接（HTTPS）下允许网页使用摄像头和麦克风。
请在每台教室电脑、一体机或平板上<b>信任一次</b>这个 CA，之后打开 <a href="${httpsUrl}">${httpsUrl}</a> 就不会再有证书警告。</p>
<p class="download"><a href="/ca.crt" download="tongtang-ca.crt" data-testid="ca-crt">下载 ca.crt（Windows、Android、Chrome OS、iPad）</a><a href="/ca.pem" download="tongtang-ca.pem">下载 ca.pem（macOS）</a></p>
<p>安装时请核对证书的 SHA-256 指纹与下面完全一致：</p>
<code class="fp" data-testid="ca-fingerprint">${ca.fingerprint256}</code>
${sections}
${english}
</body></html>`;
}

/** Answers /ca (the page), /ca.crt (DER, as Windows and Android want it) and /ca.pem. */
export function serveCa(ca: OwnCa, httpsUrl: string, request: IncomingMessage, response: ServerResponse): void {
  const path = (request.url ?? '/').split('?')[0]!.replace(/\/$/, '');
  const [type, body, file] =
    path === '/ca.crt'
      ? ['application/x-x509-ca-cert', ca.der, 'tongtang-ca.crt']
      : path === '/ca.pem'
        ? ['application/x-pem-file', Buffer.from(ca.pem), 'tongtang-ca.pem']
        : ['text/html; charset=utf-8', Buffer.from(caPageHtml(ca, httpsUrl)), null];
  response.writeHead(200, {
    'content-type': type,
    'content-length': body.length,
    'cache-control': 'no-cache',
    ...(file ? { 'content-disposition': `attachment; filename="${file}"` } : {}),
  });
  response.end(request.method === 'HEAD' ? undefined : body);
}
