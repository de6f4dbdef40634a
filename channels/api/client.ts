import { UpstreamError } from '../../core/errors/index.js';

/** POSTs one callback; any non-2xx answer or a timeout is an upstream failure the queue retries. */
export async function postCallback(
  fetchImpl: typeof fetch,
  url: string,
  body: string,
  headers: Record<string, string>,
  timeoutMs: number,
): Promise<void> {
  let response: Response;
  try {
    response = await fetchImpl(url, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...headers },
      body,
      signal: AbortSignal.timeout(timeoutMs),
    });
  } catch (cause) {
    throw new UpstreamError('API channel callback: request failed', { cause });
  }
  if (!response.ok) throw new UpstreamError(`API channel callback answered ${response.status}`);
}
