/**
 * A real HTTP server on loopback that records what it receives: the fake vendor endpoint of a test
 * (callback receivers now; WeChat, Twilio, Telegram … later). `respond` decides each answer.
 */
import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface Recorded {
  method: string;
  url: string;
  headers: IncomingMessage['headers'];
  body: string;
}

export interface FakeServer {
  url: string;
  requests: Recorded[];
  respond: (request: Recorded) => { status: number; body?: string; headers?: Record<string, string> };
  close(): Promise<void>;
}

export async function startFakeServer(): Promise<FakeServer> {
  const fake: FakeServer = {
    url: '',
    requests: [],
    respond: () => ({ status: 200, body: '{}', headers: { 'content-type': 'application/json' } }),
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
  const server: Server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      const recorded = { method: req.method ?? '', url: req.url ?? '', headers: req.headers, body: Buffer.concat(chunks).toString('utf8') };
      fake.requests.push(recorded);
      const answer = fake.respond(recorded);
      res.writeHead(answer.status, answer.headers ?? {});
      res.end(answer.body ?? '');
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  fake.url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return fake;
}
