// A small fetch wrapper shared by the pages: JSON in and out, errors carry the server's reason.

export class ApiError extends Error {
  constructor(status, body) {
    super(body?.error?.message ?? `HTTP ${status}`);
    this.status = status;
    this.body = body;
  }
}

export async function api(path, { method = 'GET', body, token, headers = {} } = {}) {
  const init = { method, headers: { ...headers }, credentials: 'same-origin' };
  if (token) init.headers.authorization = `Bearer ${token}`;
  if (body instanceof Blob) {
    init.body = body;
    init.headers['content-type'] = body.type || 'application/octet-stream';
  } else if (body !== undefined) {
    init.body = JSON.stringify(body);
    init.headers['content-type'] = 'application/json';
  }
  const response = await fetch(path, init);
  const text = await response.text();
  const data = text ? JSON.parse(text) : undefined;
  if (!response.ok) throw new ApiError(response.status, data);
  return data;
}

/**
 * Server-sent events over fetch (EventSource cannot send an Authorization header).
 * Calls onEvent(name, data) per event; reconnects after a pause until the returned stop() is called.
 */
export function listen(path, { token, onEvent, onOpen }) {
  let stopped = false;
  let controller;
  const run = async () => {
    while (!stopped) {
      controller = new AbortController();
      try {
        const headers = token ? { authorization: `Bearer ${typeof token === 'function' ? token() : token}` } : {};
        const response = await fetch(path, { headers, signal: controller.signal, credentials: 'same-origin' });
        if (!response.ok || !response.body) throw new Error(`stream ${response.status}`);
        onOpen?.();
        const reader = response.body.pipeThrough(new TextDecoderStream()).getReader();
        let buffer = '';
        for (;;) {
          const { value, done } = await reader.read();
          if (done) break;
          buffer += value;
          let end;
          while ((end = buffer.indexOf('\n\n')) >= 0) {
            const chunk = buffer.slice(0, end);
            buffer = buffer.slice(end + 2);
            const event = /^event: (.*)$/m.exec(chunk)?.[1];
            const data = /^data: (.*)$/m.exec(chunk)?.[1];
            if (event && data) onEvent(event, JSON.parse(data));
          }
        }
      } catch {
        // network hiccup or server restart: fall through and reconnect
      }
      if (!stopped) await new Promise((resolve) => setTimeout(resolve, 3000));
    }
  };
  void run();
  return () => {
    stopped = true;
    controller?.abort();
  };
}
