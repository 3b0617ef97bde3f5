/*
 * The OpenAPI document as a page to read, made on the server: the routes by
 * area, each with who may call it, its parameters, body and answer. No
 * script and no inline style, so the server's content security policy holds.
 */

type Json = Record<string, unknown>;

const escape = (text: string): string => text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
const pretty = (value: unknown): string => `<pre>${escape(JSON.stringify(value, null, 2))}</pre>`;
/** `code` spans of the document's Markdown, the only markup it uses. */
const inline = (text: string): string => escape(text).replace(/`([^`]+)`/g, '<code>$1</code>');

function security(operation: Json): string {
  const ways = (operation['security'] as Array<Record<string, string[]>> | undefined) ?? [];
  if (ways.length === 0) return '<p class="who">公开 · public</p>';
  const action = operation['x-action'] as string | undefined;
  return `<p class="who">${action ? `会话或 API 密钥，需权限 · session or API key with <code>${escape(action)}</code>` : '任何会话 · any session'}</p>`;
}

function parameters(operation: Json): string {
  const list = (operation['parameters'] as Json[] | undefined) ?? [];
  if (list.length === 0) return '';
  const rows = list.map((p) => `<tr><td><code>${escape(String(p['name']))}</code></td><td>${escape(String(p['in']))}</td><td>${p['required'] ? '必填 required' : ''}</td><td>${escape(JSON.stringify(p['schema']))}</td></tr>`);
  return `<table><thead><tr><th>参数 parameter</th><th>in</th><th></th><th>schema</th></tr></thead><tbody>${rows.join('')}</tbody></table>`;
}

function schemasOf(operation: Json): string {
  const body = (operation['requestBody'] as { content?: Record<string, { schema?: unknown }> } | undefined)?.content?.['application/json']?.schema;
  const ok = (operation['responses'] as Record<string, { content?: Record<string, { schema?: unknown }> }> | undefined)?.['200']?.content;
  const [type, answer] = Object.entries(ok ?? {})[0] ?? [];
  return [body ? `<h4>请求体 · request body</h4>${pretty(body)}` : '', type ? `<h4>应答 · answer (${escape(type)})</h4>${pretty(answer?.schema ?? {})}` : ''].join('');
}

/** The page of a document. */
export function docsPage(document: Json): string {
  const info = document['info'] as { title: string; description?: string };
  const paths = document['paths'] as Record<string, Record<string, Json>>;
  const tags = document['tags'] as Array<{ name: string; description?: string }>;
  const sections = tags.map((tag) => {
    const operations = Object.entries(paths).flatMap(([path, methods]) =>
      Object.entries(methods)
        .filter(([, op]) => (op['tags'] as string[]).includes(tag.name))
        .map(([method, op]) => `<details id="${escape(String(op['operationId']))}"><summary><span class="method ${method}">${method.toUpperCase()}</span> <code>${escape(path)}</code> ${inline(String(op['summary'] ?? ''))}</summary>${security(op)}${op['description'] ? `<p>${inline(String(op['description']))}</p>` : ''}${parameters(op)}${schemasOf(op)}</details>`),
    );
    return `<section><h2 id="tag-${escape(tag.name)}">${escape(tag.name)}</h2>${tag.description ? `<p>${inline(tag.description)}</p>` : ''}${operations.join('')}</section>`;
  });
  const toc = tags.map((t) => `<li><a href="#tag-${escape(t.name)}">${escape(t.name)}</a></li>`).join('');
  return `<!doctype html>
<html lang="zh-CN">
<head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><title>${escape(info.title)} · 接口文档</title><link rel="stylesheet" href="/api/docs.css"></head>
<body><header><h1>${escape(info.title)} · 接口文档 API reference</h1><p>${inline(info.description ?? '')}</p><p><a href="/api/openapi.json">openapi.json</a> (OpenAPI 3.1)</p><nav><ul>${toc}</ul></nav></header>
<main>${sections.join('\n')}</main></body></html>`;
}

export const DOCS_CSS = `body{font-family:system-ui,"PingFang SC","Microsoft YaHei",sans-serif;margin:0 auto;max-width:1100px;padding:1rem 1.5rem;color:#1c2430}
h1{font-size:1.5rem}h2{border-bottom:1px solid #d6dbe3;padding-bottom:.3rem;margin-top:2rem}h4{margin:.8rem 0 .3rem}
nav ul{display:flex;flex-wrap:wrap;gap:.4rem 1rem;list-style:none;padding:0}
details{border:1px solid #d6dbe3;border-radius:6px;margin:.4rem 0;padding:.4rem .7rem}summary{cursor:pointer}
.method{display:inline-block;min-width:3.2rem;font-weight:600;font-family:ui-monospace,monospace}.method.get{color:#1d6fd6}.method.post{color:#1b8a4b}
pre{background:#f5f7fa;padding:.6rem;overflow:auto;max-height:24rem;font-size:.8rem}table{border-collapse:collapse;font-size:.85rem}td,th{border:1px solid #d6dbe3;padding:.2rem .5rem;text-align:left}
.who{color:#5a6472;font-size:.9rem}`;
