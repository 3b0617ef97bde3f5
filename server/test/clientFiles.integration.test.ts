import { readFileSync, statSync } from 'node:fs';
import { request } from 'node:http';
import { fileURLToPath } from 'node:url';
import { brotliDecompressSync, gunzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startServer, type ServerProcess } from '../../testkit/serverProcess.js';

const dist = fileURLToPath(new URL('../../client/dist/', import.meta.url));

/** A GET with the body as it came over the wire (fetch would decompress it and hide what was sent). */
function rawGet(url: string, headers: Record<string, string>): Promise<{ status: number; headers: Record<string, string | string[] | undefined>; body: Buffer }> {
  return new Promise((done, fail) => {
    request(url, { headers }, (response) => {
      const chunks: Buffer[] = [];
      response.on('data', (chunk: Buffer) => chunks.push(chunk));
      response.on('end', () => done({ status: response.statusCode ?? 0, headers: response.headers, body: Buffer.concat(chunks) }));
    })
      .on('error', fail)
      .end();
  });
}

const decompress = { br: brotliDecompressSync, gzip: gunzipSync } as const;
type Reply = Awaited<ReturnType<typeof rawGet>>;

/** A compressed reply with the headers a browser and a school's proxy need, whose body unpacks to the built file. */
function expectCompressed(reply: Reply, encoding: keyof typeof decompress, expected: { type: string; cacheControl: string; file: Buffer }): void {
  expect(reply.status).toBe(200);
  expect(reply.headers['content-encoding']).toBe(encoding);
  expect(reply.headers['content-type']).toBe(expected.type);
  expect(reply.headers['cache-control']).toBe(expected.cacheControl);
  expect(reply.headers['vary']).toBe('Accept-Encoding');
  expect(Number(reply.headers['content-length'])).toBe(reply.body.length);
  expect(reply.body.length).toBeLessThan(expected.file.length);
  expect(decompress[encoding](reply.body).equals(expected.file)).toBe(true);
}

describe('the client files, as a classroom PC downloads them', () => {
  let server: ServerProcess;
  const index = readFileSync(`${dist}index.html`);
  // The largest script a page loads at once (index.html names it, hashed).
  const script = [...index.toString().matchAll(/(?:src|href)="\/(assets\/[^"]+\.js)"/g)]
    .map((match) => match[1]!)
    .sort((a, b) => statSync(`${dist}${b}`).size - statSync(`${dist}${a}`).size)[0];

  beforeAll(async () => {
    server = await startServer({ env: { LOG_LEVEL: 'warn' } });
  });
  afterAll(() => server?.stop());

  it('has hashed scripts in the built index.html', () => {
    expect(script).toMatch(/^assets\/[\w.-]+-[\w-]{8}\.js$/);
  });

  for (const encoding of ['br', 'gzip'] as const) {
    it(`sends a hashed script ${encoding}-compressed, cached for a year`, async () => {
      const reply = await rawGet(`${server.url}/${script}`, { 'accept-encoding': encoding });
      const file = readFileSync(`${dist}${script}`);
      expectCompressed(reply, encoding, { type: 'text/javascript; charset=utf-8', cacheControl: 'public, max-age=31536000, immutable', file });
    });

    it(`sends a lesson page (index.html) ${encoding}-compressed and asks the browser to revalidate it`, async () => {
      // A classroom page's address as a terminal opens it: no key in it (the terminal's session says who it is).
      const reply = await rawGet(`${server.url}/lesson/some-lesson/classroom/some-classroom`, { 'accept-encoding': encoding });
      expectCompressed(reply, encoding, { type: 'text/html; charset=utf-8', cacheControl: 'no-cache', file: index });
    });
  }

  it('serves the client for the sign-in, admin, teaching and terminal pages', async () => {
    for (const path of ['/t', '/login', '/admin', '/teach/', '/lesson/x/watch']) {
      const reply = await rawGet(`${server.url}${path}`, {});
      expect(reply.status, path).toBe(200);
      expect(reply.body.equals(index), path).toBe(true);
    }
    expect((await rawGet(`${server.url}/admin/secret.txt`, {})).status).toBe(404);
  });

  it('prefers brotli when both are accepted, and honours q=0', async () => {
    expect((await rawGet(`${server.url}/${script}`, { 'accept-encoding': 'gzip, deflate, br' })).headers['content-encoding']).toBe('br');
    expect((await rawGet(`${server.url}/${script}`, { 'accept-encoding': 'br;q=0, gzip' })).headers['content-encoding']).toBe('gzip');
  });

  it('sends the file as it is to a browser that accepts no compression', async () => {
    const reply = await rawGet(`${server.url}/index.html`, {});
    expect(reply.headers['content-encoding']).toBeUndefined();
    expect(Number(reply.headers['content-length'])).toBe(index.length);
    expect(reply.body.equals(index)).toBe(true);
  });

  it('answers an unchanged index.html with 304, so a reload costs no download', async () => {
    const first = await rawGet(`${server.url}/`, { 'accept-encoding': 'br' });
    const again = await rawGet(`${server.url}/`, { 'accept-encoding': 'br', 'if-none-match': String(first.headers['etag']) });
    expect(again.status).toBe(304);
    expect(again.body.length).toBe(0);
  });

  it("does not serve the build's own files (stamp, manifest)", async () => {
    expect((await rawGet(`${server.url}/.vite/manifest.json`, {})).status).toBe(404);
    expect((await rawGet(`${server.url}/.stamp`, {})).status).toBe(404);
  });
});
