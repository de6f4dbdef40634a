/** Debian's Chromium, headless, for the browser tests (SUQIU_TEST_CHROMIUM points elsewhere). */
import { chromium, type Browser, type Page } from 'playwright-core';

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

/** A page of the agent console at `url`, logged in as `agent`, with the page's script errors collected into `errors`. */
export async function openConsole(
  browser: Browser,
  url: string,
  agent: { username: string; password: string },
  errors: string[] = [],
): Promise<{ page: Page; errors: string[] }> {
  const page = await browser.newPage({ locale: 'zh-CN' });
  page.on('pageerror', (error) => errors.push(error.message));
  await page.goto(`${url}/console/`);
  await page.getByTestId('login-username').fill(agent.username);
  await page.getByTestId('login-password').fill(agent.password);
  await page.getByTestId('login-submit').click();
  return { page, errors };
}
