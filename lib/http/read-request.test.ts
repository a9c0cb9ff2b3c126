import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { describe, expect, it } from 'vitest';
import { toAppError } from './errors';
import { checkJsonText, readJson } from './read-request';
import { requestProblem } from './request-guard.mjs';

describe('requestProblem (the request line, checked once)', () => {
  it.each([
    ['/open311/v2/requests/%ff.json', 400],
    ['/api/complaints/%ff', 400],
    ['/api/complaints/%zz', 400],
    ['/api/complaints/1%00', 400],
    ['/api/complaints/%ed%a0%80', 400],
    ['/api/v1/buildings/search?q=a%00bc', 400],
    ['/api/v1/buildings/search?q=%ff', 400],
    ['/api/v1/buildings/search?q%00=1', 400],
    ['/api/v1/buildings/search?q=%E8%A5%BF%E5%8C%BA&x=1+2', 0],
    ['/api/complaints/12?', 0],
    ['http://localhost:3000/api/x?a=%F0%9F%98%80', 0],
  ])('%s → %i', (target, status) => {
    expect(requestProblem('GET', target)?.status ?? 0).toBe(status);
  });

  it('allows the usual methods and answers 405 to the rest', () => {
    for (const m of ['GET', 'HEAD', 'POST', 'PUT', 'PATCH', 'DELETE', 'OPTIONS'])
      expect(requestProblem(m, '/')).toBeNull();
    for (const m of ['TRACE', 'TRACK', 'CONNECT', 'PROPFIND', 'FOO']) {
      expect(requestProblem(m, '/')).toMatchObject({ status: 405, code: 'METHOD_NOT_ALLOWED' });
    }
  });
});

const post = (body: BodyInit | null, type: string | null = 'application/json') =>
  new Request('http://localhost/api/x', {
    method: 'POST',
    headers: type ? { 'content-type': type } : {},
    body,
  });

async function codeOf(p: Promise<unknown>): Promise<string> {
  try {
    await p;
    return 'OK';
  } catch (e) {
    return toAppError(e).code;
  }
}

describe('readJson', () => {
  it('reads JSON and refuses empty, malformed, non-UTF-8, oversized and non-text bodies with a code', async () => {
    expect(await readJson(post('{"a":["西区",1]}'))).toEqual({ a: ['西区', 1] });
    expect(await readJson(post(''), { optional: true })).toEqual({});
    expect(await codeOf(readJson(post('')))).toBe('VALIDATION');
    expect(await codeOf(readJson(post('{"a":')))).toBe('VALIDATION');
    expect(await codeOf(readJson(post(new Uint8Array([0x7b, 0xff, 0x7d]))))).toBe('VALIDATION');
    expect(await codeOf(readJson(post('{"a":"x\\u0000y"}')))).toBe('VALIDATION');
    expect(await codeOf(readJson(post('{"a":"\\ud800"}')))).toBe('VALIDATION');
    expect(await codeOf(readJson(post('{"\\u0000":1}')))).toBe('VALIDATION');
    expect(await codeOf(readJson(post('{}', 'text/plain')))).toBe('UNSUPPORTED_MEDIA_TYPE');
    expect(await codeOf(readJson(post('{}', null), { requireType: true }))).toBe('UNSUPPORTED_MEDIA_TYPE');
    // 10 MB without a declared length: refused at 64 KB, the rest never read.
    const big = new ReadableStream<Uint8Array>({
      start(c) {
        for (let i = 0; i < 160; i++) c.enqueue(new Uint8Array(65_536).fill(0x20));
        c.close();
      },
    });
    const req = new Request('http://localhost/api/x', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: big,
      duplex: 'half',
    } as RequestInit);
    expect(await codeOf(readJson(req))).toBe('PAYLOAD_TOO_LARGE');
  });

  it('names the path of a bad string', () => {
    try {
      checkJsonText({ a: [{ b: 'ok' }, { b: 'x\u0000' }] });
      throw new Error('not refused');
    } catch (e) {
      expect(toAppError(e).fields?.[0]?.path).toBe('a.1.b');
    }
  });
});

describe('errors', () => {
  it("maps PostgreSQL's data exceptions (SQLSTATE 22…) to VALIDATION, other failures to INTERNAL", () => {
    const pg = Object.assign(new Error('invalid byte sequence for encoding "UTF8": 0x00'), { code: '22021' });
    expect(toAppError(new Error('Failed query', { cause: pg })).code).toBe('VALIDATION');
    expect(toAppError(Object.assign(new Error('deadlock'), { code: '40P01' })).code).toBe('INTERNAL');
  });
});

describe('the server hook (scripts/peer-address.mjs)', () => {
  it('answers 405 / 400 before the app and hands the app the socket address', async () => {
    await import('../../scripts/peer-address.mjs');
    const seen: string[] = [];
    const server = http.createServer((req, res) => {
      seen.push(String(req.headers['x-suqiu-peer']));
      res.end('ok');
    });
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    const port = (server.address() as AddressInfo).port;
    const send = (method: string, path: string, headers: Record<string, string> = {}) =>
      new Promise<{ status: number; body: string }>((resolve, reject) => {
        const req = http.request({ host: '127.0.0.1', port, method, path, headers }, (res) => {
          let body = '';
          res.on('data', (c) => {
            body += c;
          });
          res.on('end', () => resolve({ status: res.statusCode ?? 0, body }));
        });
        req.on('error', reject);
        req.end();
      });
    try {
      expect((await send('TRACE', '/api/health')).status).toBe(405);
      const bad = await send('GET', '/api/complaints/%ff');
      expect(bad.status).toBe(400);
      expect(JSON.parse(bad.body).error.code).toBe('VALIDATION');
      expect((await send('GET', '/api/v1/buildings/search?q=a%00bc')).status).toBe(400);
      expect((await send('GET', '/api/health', { 'x-suqiu-peer': '203.0.113.9' })).status).toBe(200);
      expect(seen).toEqual(['127.0.0.1']);
    } finally {
      server.close();
    }
  });
});
