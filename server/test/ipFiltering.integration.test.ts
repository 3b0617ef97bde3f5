import { request } from 'node:http';
import { io } from 'socket.io-client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { auditEntrySchema, ErrorCode, ipRulesSchema, type Ack } from '@shared';
import { adminToken, apiCall, createTeacher, registerTerminal, scheduleLesson, type Credentials, type ScheduledLesson } from '../../testkit/adminApi.js';
import { startServer, type ServerProcess } from '../../testkit/serverProcess.js';

/*
 * Test 4 of the accounts issue: IP filtering. The city school allows only
 * 10.20.0.0/16, a rural school denies 10.66.0.0/16, the bureau denies
 * 10.77.0.0/16. The server trusts one reverse proxy, at 127.0.0.2
 * (TRUST_PROXY): through it the client's address is the X-Forwarded-For it
 * adds; from anywhere else the header is ignored, so a forged one changes
 * nothing. Sign-ins and joins (the signalling handshake) are both filtered.
 */
const PROXY = '127.0.0.2';

describe('IP filtering of sign-ins and joins', () => {
  let server: ServerProcess;
  let teacher: Credentials;
  let lesson: ScheduledLesson;
  let ruralTerminal: { credential: string };

  /** POSTs a sign-in from `from` (the proxy or a direct client), with an X-Forwarded-For header if given; the reply's code. */
  const signInVia = (from: string, forwardedFor: string | null, body: unknown, path = '/api/auth/login'): Promise<{ status: number; code: string; data: unknown }> =>
    new Promise((done, fail) => {
      const payload = JSON.stringify(body);
      const url = new URL(path, server.url);
      const req = request(
        { host: url.hostname, port: url.port, path: url.pathname, method: 'POST', localAddress: from, headers: { 'content-type': 'application/json', 'content-length': Buffer.byteLength(payload), ...(forwardedFor ? { 'x-forwarded-for': forwardedFor } : {}) } },
        (response) => {
          let text = '';
          response.on('data', (chunk: Buffer) => (text += chunk.toString()));
          response.on('end', () => {
            const reply = JSON.parse(text) as Ack<unknown>;
            done({ status: response.statusCode ?? 0, code: reply.ok ? 'ok' : reply.error.code, data: reply.ok ? reply.data : null });
          });
        },
      );
      req.on('error', fail);
      req.end(payload);
    });

  /** Opens a signalling connection from `from` with a header; the handshake's refusal code, or 'ok'. */
  const connectVia = (from: string, forwardedFor: string | null, token: string): Promise<string> =>
    new Promise((done) => {
      const socket = io(server.url, { transports: ['websocket'], reconnection: false, forceNew: true, auth: { token }, localAddress: from, extraHeaders: forwardedFor ? { 'x-forwarded-for': forwardedFor } : {} } as never);
      socket.once('connect', () => {
        socket.close();
        done('ok');
      });
      socket.once('connect_error', (error: Error & { data?: { code?: string } }) => {
        socket.close();
        done(error.data?.code ?? error.message);
      });
    });

  beforeAll(async () => {
    server = await startServer({ env: { TRUST_PROXY: PROXY } });
    teacher = await createTeacher(server);
    lesson = await scheduleLesson({ teacher, classroomIds: ['shanping-4'] }, server);
    ruralTerminal = await registerTerminal('shanping-4', server);
    const admin = await adminToken(server);
    await apiCall(server.url, '/ip-rules/school/chengguan', ipRulesSchema, { token: admin, body: { allow: ['10.20.0.0/16'], deny: [] } });
    await apiCall(server.url, '/ip-rules/school/shanping', ipRulesSchema, { token: admin, body: { allow: [], deny: ['10.66.0.0/16'] } });
    await apiCall(server.url, '/ip-rules/bureau/main', ipRulesSchema, { token: admin, body: { allow: [], deny: ['10.77.0.0/16'] } });
  });

  afterAll(async () => {
    await server?.stop();
  });

  it('a denied range cannot sign in; an allowed one can; a forged header changes nothing', async () => {
    const login = { login: teacher.login, password: teacher.password };
    // Directly from 127.0.0.1: outside the city school's allow list, header or not.
    expect((await signInVia('127.0.0.1', null, login)).code).toBe(ErrorCode.AddressRefused);
    expect((await signInVia('127.0.0.1', '10.20.1.5', login)).code).toBe(ErrorCode.AddressRefused);
    // Through the trusted proxy: the address it vouches for decides.
    expect((await signInVia(PROXY, '10.20.1.5', login)).code).toBe('ok');
    expect((await signInVia(PROXY, '10.99.1.1', login)).code).toBe(ErrorCode.AddressRefused);
    // A client that forges a chain through the proxy: only the hop the proxy added counts.
    expect((await signInVia(PROXY, '10.20.1.5, 10.99.1.1', login)).code).toBe(ErrorCode.AddressRefused);
    // The bureau's deny list holds even inside the school's allow list.
    await apiCall(server.url, '/ip-rules/school/chengguan', ipRulesSchema, { token: await adminToken(server), body: { allow: ['10.0.0.0/8'], deny: [] } });
    expect((await signInVia(PROXY, '10.77.0.1', login)).code).toBe(ErrorCode.AddressRefused);
    expect((await signInVia(PROXY, '10.20.1.5', login)).code).toBe('ok');
  });

  it('a denied range cannot join (the handshake is refused); an allowed one can; a forged header changes nothing', async () => {
    const exchanged = await signInVia(PROXY, '10.30.0.1', { credential: ruralTerminal.credential }, '/api/auth/terminal');
    expect(exchanged.code).toBe('ok');
    const token = (exchanged.data as { accessToken: string }).accessToken;
    expect(await connectVia(PROXY, '10.66.0.9', token)).toBe(ErrorCode.AddressRefused);
    expect(await connectVia(PROXY, '10.30.0.1', token)).toBe('ok');
    // From 127.0.0.1 the header is anyone's: ignored, so the forged denied address does not count (nor would a forged allowed one).
    expect(await connectVia('127.0.0.1', '10.66.0.9', token)).toBe('ok');
    // Opening the terminal link from the denied range is refused too.
    expect((await signInVia(PROXY, '10.66.3.3', { credential: ruralTerminal.credential }, '/api/auth/terminal')).code).toBe(ErrorCode.AddressRefused);
    void lesson;
  });

  it('records each refusal with the address it came from', async () => {
    const refusals = await apiCall(server.url, '/audit?outcome=refused', auditEntrySchema.array(), { token: await adminToken(server) });
    const addresses = new Set(refusals.map((r) => r.address));
    for (const address of ['127.0.0.1', '10.99.1.1', '10.77.0.1', '10.66.0.9', '10.66.3.3']) expect(addresses, address).toContain(address);
    expect(addresses).not.toContain('10.20.1.5');
  });
});
