import { afterAll, beforeAll, describe, expect, test } from 'vitest';

import { WhisperServer } from '../../core/asr/speech-to-text.js';
import { UpstreamError } from '../../core/errors/index.js';
import { startFakeServer, type FakeServer } from '../helpers/fake-http-server.js';

let server: FakeServer;
beforeAll(async () => {
  server = await startFakeServer();
});
afterAll(async () => server.close());

describe('speech recognition through a whisper.cpp server', () => {
  test('when audio is sent, then it goes as multipart to /inference with the language, and the text comes back trimmed', async () => {
    server.respond = () => ({
      status: 200,
      body: JSON.stringify({ text: ' 楼下的路灯坏了 \n' }),
      headers: { 'content-type': 'application/json' },
    });
    const asr = new WhisperServer({ url: `${server.url}/`, language: 'zh', timeoutMs: 2_000 });
    expect(await asr.transcribe(Buffer.from('#!AMR\n'), 'audio/amr')).toBe('楼下的路灯坏了');
    const request = server.requests.at(-1)!;
    expect(request.url).toBe('/inference');
    expect(request.headers['content-type']).toMatch(/^multipart\/form-data/);
    expect(request.body).toContain('name="language"\r\n\r\nzh');
    expect(request.body).toContain('filename="audio.amr"');
  });

  test.each([
    { description: 'answers 500', respond: () => ({ status: 500 }) },
    { description: 'answers without text', respond: () => ({ status: 200, body: '{}', headers: { 'content-type': 'application/json' } }) },
  ])('when the server $description, then an upstream error is thrown', async ({ respond }) => {
    server.respond = respond;
    const asr = new WhisperServer({ url: server.url, language: 'zh', timeoutMs: 2_000 });
    await expect(asr.transcribe(Buffer.from('x'), 'audio/ogg')).rejects.toBeInstanceOf(UpstreamError);
  });
});
