/** What a CLI command printed, captured per test (the commands write to the console, not to a logger). */
import { afterEach, beforeEach, vi } from 'vitest';

export function captureConsole(): { errors: string[]; output: string[] } {
  const captured = { errors: [] as string[], output: [] as string[] };
  beforeEach(() => {
    captured.errors.length = 0;
    captured.output.length = 0;
    vi.spyOn(console, 'error').mockImplementation((line: string) => void captured.errors.push(line));
    vi.spyOn(console, 'log').mockImplementation((line: string) => void captured.output.push(line));
  });
  afterEach(() => vi.restoreAllMocks());
  return captured;
}
