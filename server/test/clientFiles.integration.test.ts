import { readFileSync } from 'node:fs';
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

describe('the client files, as a classroom PC downloads them', () => {
  let server: ServerProcess;
  const index = readFileSync(`${dist}index.html`);
  // The entry script: the first thing every page downloads, under a hashed name.
  const entry = /<script type="module" crossorigin src="\/(assets\/[^"]+\.js)"/.exec(index.toString())?.[1];

  beforeAll(async () => {
    server = await startServer({ env: { LOG_LEVEL: 'warn' } });
  });
  afterAll(() => server?.stop());

  it('has a hashed entry script in the built index.html', () => {
    expect(entry).toMatch(/^assets\/index-[\w-]+\.js$/);
  });

  for (const encoding of ['br', 'gzip'] as const) {
    it(`sends the hashed entry script ${encoding}-compressed, cached for a year`, async () => {
      const reply = await rawGet(`${server.url}/${entry}`, { 'accept-encoding': encoding });
      const original = readFileSync(`${dist}${entry}`);
      expect(reply.status).toBe(200);
      expect(reply.headers['content-encoding']).toBe(encoding);
      expect(reply.headers['content-type']).toBe('text/javascript; charset=utf-8');
      expect(reply.headers['cache-control']).toBe('public, max-age=31536000, immutable');
      expect(reply.headers['vary']).toBe('Accept-Encoding');
      expect(Number(reply.headers['content-length'])).toBe(reply.body.length);
      expect(reply.body.length).toBeLessThan(original.length);
      expect(decompress[encoding](reply.body).equals(original)).toBe(true);
    });

    it(`sends a lesson page (index.html) ${encoding}-compressed and asks the browser to revalidate it`, async () => {
      const reply = await rawGet(`${server.url}/lesson/some-lesson/classroom/some-classroom?key=k`, { 'accept-encoding': encoding });
      expect(reply.status).toBe(200);
      expect(reply.headers['content-encoding']).toBe(encoding);
      expect(reply.headers['content-type']).toBe('text/html; charset=utf-8');
      expect(reply.headers['cache-control']).toBe('no-cache');
      expect(reply.headers['vary']).toBe('Accept-Encoding');
      expect(Number(reply.headers['content-length'])).toBe(reply.body.length);
      expect(decompress[encoding](reply.body).equals(index)).toBe(true);
    });
  }

  it('prefers brotli when both are accepted, and honours q=0', async () => {
    expect((await rawGet(`${server.url}/${entry}`, { 'accept-encoding': 'gzip, deflate, br' })).headers['content-encoding']).toBe('br');
    expect((await rawGet(`${server.url}/${entry}`, { 'accept-encoding': 'br;q=0, gzip' })).headers['content-encoding']).toBe('gzip');
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
