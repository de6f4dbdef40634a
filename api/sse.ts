/** Server-sent events: the console's queue and the chat page's replies update without polling. */
import type { Request, Response } from 'express';

export interface EventStream {
  send(event: string, data: unknown): void;
  /** Runs when the browser hangs up or the server shuts down. */
  onClose(fn: () => void): void;
  close(): void;
}

/** Every open stream, so shutdown can end them instead of waiting for browsers to hang up. */
export class EventStreams {
  private readonly open = new Set<EventStream>();

  public start(req: Request, res: Response, heartbeatMs = 25_000): EventStream {
    res.status(200).set({
      'content-type': 'text/event-stream; charset=utf-8',
      'cache-control': 'no-cache, no-transform',
      connection: 'keep-alive',
      'x-accel-buffering': 'no',
    });
    res.flushHeaders();
    res.write('retry: 3000\n\n');
    const heartbeat = setInterval(() => res.write(': keep-alive\n\n'), heartbeatMs);
    const listeners: (() => void)[] = [];
    const stream: EventStream = {
      send: (event, data) => {
        res.write(`event: ${event}\ndata: ${JSON.stringify(data)}\n\n`);
      },
      onClose: (fn) => {
        listeners.push(fn);
      },
      close: () => {
        if (!this.open.delete(stream)) return;
        clearInterval(heartbeat);
        for (const listener of listeners) listener();
        res.end();
      },
    };
    req.on('close', () => stream.close());
    this.open.add(stream);
    return stream;
  }

  public closeAll(): void {
    for (const stream of [...this.open]) stream.close();
  }
}
