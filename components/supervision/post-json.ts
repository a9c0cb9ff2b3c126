/** POST JSON to one of the app's routes; the `{error:{code,message,fields}}` body on failure. */
export interface PostError {
  code: string;
  message?: string;
  fields?: { path: string; message: string }[];
}

export async function postJson<T>(
  url: string,
  body: unknown,
): Promise<{ ok: true; data: T } | { ok: false; error: PostError }> {
  const response = await fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(body),
  });
  const json = (await response.json().catch(() => ({}))) as { error?: PostError };
  if (response.ok) return { ok: true, data: json as T };
  return { ok: false, error: json.error ?? { code: 'generic' } };
}
