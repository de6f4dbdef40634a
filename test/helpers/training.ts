/** An admin's training run through the API, as the tests that need a trained version ask for one. */
import { expect } from 'vitest';

import { http, waitFor } from './http.js';

/**
 * Asks for a run (202) and waits until the version is READY — and active too, when the request
 * activates `always`. A FAILED run fails the test with the runner's reason.
 */
export async function trainThroughApi(url: string, token: string, request: { activate?: string } & Record<string, unknown>): Promise<any> {
  const requested = await http(`${url}/api/v1/nlu/models`, { body: request, token });
  expect(requested.status, JSON.stringify(requested.body)).toBe(202);
  const activates = request.activate === 'always';
  return waitFor(
    async () => {
      const model = (await http(`${url}/api/v1/nlu/models/${requested.body.id}`, { token })).body;
      if (model.status === 'FAILED') throw new Error(`training failed: ${model.error}`);
      return model.status === 'READY' && (!activates || model.active) ? model : undefined;
    },
    180_000,
    activates ? 'the trained model, active' : 'the trained model',
  );
}
