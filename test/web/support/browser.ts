import AxeBuilder from '@axe-core/playwright';
import { type Browser, chromium, type Page } from 'playwright-core';

/** Debian's Chromium (the `chromium` requirement of test/support/system.ts), headless. */
export async function launchChromium(): Promise<Browser> {
  return chromium.launch({
    executablePath: '/usr/bin/chromium',
    headless: true,
    // Root in a container: no user namespaces for Chromium's sandbox.
    args: ['--no-sandbox', '--disable-dev-shm-usage', '--disable-gpu'],
  });
}

/**
 * A page that fails the test on any script error or console error (hostile names must never run), and collects
 * dialogs (an `alert()` injected from YAML would land here).
 */
export interface WatchedPage {
  readonly page: Page;
  readonly problems: string[];
}

export async function newPage(browser: Browser, baseUrl: string, locale: 'en' | 'fr' = 'en'): Promise<WatchedPage> {
  const context = await browser.newContext({ baseURL: baseUrl, locale: locale === 'fr' ? 'fr-FR' : 'en-GB' });
  const page = await context.newPage();
  const problems: string[] = [];
  page.on('pageerror', (err) => problems.push(`page error: ${err.message}`));
  page.on('dialog', (d) => {
    problems.push(`dialog: ${d.message()}`);
    void d.dismiss();
  });
  page.on('console', (msg) => {
    // A failed API call the screen shows as an error is expected in some journeys; scripts errors are not.
    if (msg.type() === 'error' && !/Failed to load resource/.test(msg.text())) problems.push(`console: ${msg.text()}`);
  });
  return { page, problems };
}

/** Signs in through the login page, with the keyboard only, and waits for the sites list. */
export async function login(page: Page, username: string, password: string, lang: 'en' | 'fr' = 'en'): Promise<void> {
  await page.goto(`/#/login?lang=${lang}`);
  const user = page.getByLabel(lang === 'fr' ? "Nom d'utilisateur" : 'User name');
  await user.focus();
  await page.keyboard.type(username);
  await page.keyboard.press('Tab');
  await page.keyboard.type(password);
  await page.keyboard.press('Enter');
  await page.getByRole('heading', { level: 1, name: 'Sites' }).waitFor();
}

/** axe-core over the page as it stands: the serious and critical violations, as readable lines (empty: clean). */
export async function axeViolations(page: Page): Promise<string[]> {
  const result = await new AxeBuilder({ page }).analyze();
  return result.violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .map((v) => `${v.id} (${v.impact}): ${v.help} — ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`);
}

/** Text typed into a focused field with the keyboard (a real user's input events). */
export async function typeInto(page: Page, label: string | RegExp, text: string): Promise<void> {
  const field = page.getByLabel(label);
  await field.focus();
  await page.keyboard.press('ControlOrMeta+A');
  await page.keyboard.type(text);
}
