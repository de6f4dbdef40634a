/** Debian's Chromium, headless, for the browser tests (SUQIU_TEST_CHROMIUM points elsewhere). */
import { chromium, type Browser } from 'playwright-core';

const CHROMIUM = process.env.SUQIU_TEST_CHROMIUM ?? '/usr/bin/chromium';

export function launchChromium(): Promise<Browser> {
  return chromium.launch({
    executablePath: CHROMIUM,
    headless: true,
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--no-first-run',
      '--disable-quic',
    ],
  });
}
