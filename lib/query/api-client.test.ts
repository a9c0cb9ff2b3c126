import { afterEach, describe, expect, it, vi } from 'vitest';
import { ApiError, getJson, messageOf, request, send } from './api-client';

const answer = (status: number, body: unknown, statusText = '') =>
  vi.fn(async () =>
    typeof body === 'string'
      ? new Response(body, { status, statusText })
      : new Response(body === null ? null : JSON.stringify(body), {
          status,
          statusText,
          headers: { 'content-type': 'application/json' },
        }),
  );

afterEach(() => vi.unstubAllGlobals());

describe('the one browser fetch', () => {
  it('sends JSON with its content type and reads the JSON answer', async () => {
    const fetch = answer(200, { id: 7 });
    vi.stubGlobal('fetch', fetch);
    await expect(request('/api/clues', { method: 'POST', body: { findingKey: 'k' } })).resolves.toEqual({
      id: 7,
    });
    const [url, init] = fetch.mock.calls[0] as unknown as [string, RequestInit];
    expect(url).toBe('/api/clues');
    expect(init.method).toBe('POST');
    expect(init.body).toBe('{"findingKey":"k"}');
    expect(init.headers).toEqual({ 'content-type': 'application/json' });
  });

  it('answers null for 204 (no body) and sends no content type without a body', async () => {
    const fetch = answer(204, null);
    vi.stubGlobal('fetch', fetch);
    await expect(request('/api/alerts/subscriptions/3', { method: 'DELETE' })).resolves.toBeNull();
    expect((fetch.mock.calls[0] as unknown as [string, RequestInit])[1].headers).toEqual({});
  });

  it("keeps the server's code, message, fields and the HTTP status", async () => {
    vi.stubGlobal(
      'fetch',
      answer(400, {
        error: {
          code: 'VALIDATION',
          message: '输入不正确',
          fields: [{ path: 'location.lng', message: 'x' }],
        },
      }),
    );
    const error = await getJson('/api/x').catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ApiError);
    expect(error).toMatchObject({
      status: 400,
      code: 'VALIDATION',
      serverMessage: '输入不正确',
      message: '输入不正确',
      fields: [{ path: 'location.lng', message: 'x' }],
    });
  });

  it('an answer without an error body is INTERNAL with the status as its message', async () => {
    vi.stubGlobal('fetch', answer(502, '<html>bad gateway</html>', 'Bad Gateway'));
    const error = (await getJson('/api/x').catch((e: unknown) => e)) as ApiError;
    expect(error.code).toBe('INTERNAL');
    expect(error.status).toBe(502);
    expect(error.serverMessage).toBeUndefined();
    expect(error.message).toBe('502 Bad Gateway');
    expect(messageOf(error, '保存失败')).toBe('保存失败');
  });

  it('no answer is NETWORK (status 0); an abort stays an AbortError', async () => {
    vi.stubGlobal(
      'fetch',
      vi.fn(async () => {
        throw new TypeError('Failed to fetch');
      }),
    );
    await expect(getJson('/api/x')).rejects.toMatchObject({ status: 0, code: 'NETWORK' });
    vi.stubGlobal(
      'fetch',
      vi.fn(async () => {
        throw new DOMException('aborted', 'AbortError');
      }),
    );
    const error = await getJson('/api/x').catch((e: unknown) => e);
    expect(error).not.toBeInstanceOf(ApiError);
    expect((error as Error).name).toBe('AbortError');
  });

  it('send returns the outcome as a value', async () => {
    vi.stubGlobal('fetch', answer(409, { error: { code: 'CONFLICT', message: '已被修改' } }));
    const result = await send('PATCH', '/api/admin/offices/1', { name: 'x' });
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.error.code).toBe('CONFLICT');
    vi.stubGlobal('fetch', answer(200, { ok: 1 }));
    await expect(send('POST', '/api/admin/offices', {})).resolves.toEqual({ ok: true, data: { ok: 1 } });
  });
});
