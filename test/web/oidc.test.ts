import type { Page } from 'playwright-core';
import { afterAll, describe, expect, it } from 'vitest';
import { startTestIdp, type TestIdp } from '../support/oidc-idp.js';
import { tabTo } from './keyboard.js';
import { axeViolations, DATABASES, newPage, noBrowser, useWebServer } from './support/index.js';

/** Polls wait for the server on a loaded machine (2 cores shared): bounded, but not 1 s. */
const SLOW = { timeout: 15_000 };

const TEXT = {
  en: { button: 'Sign in with your organisation (OIDC)', signedIn: 'Signed in as', signOut: 'Sign out' },
  fr: {
    button: 'Se connecter avec votre organisation (OIDC)',
    signedIn: 'Connecté en tant que',
    signOut: 'Se déconnecter',
  },
} as const;

/** The provider's own pages (its development login, then consent), with the keyboard alone. */
async function atProvider(page: Page, issuer: string, login: string): Promise<void> {
  await page.waitForURL((url) => url.origin === issuer, SLOW);
  const field = page.locator('input[name="login"]');
  await field.waitFor(SLOW);
  await tabTo(page, field);
  await page.keyboard.type(login);
  await page.keyboard.press('Tab');
  await page.keyboard.type('any password');
  await page.keyboard.press('Enter');
  const next = page.getByRole('button', { name: 'Continue' });
  await next.waitFor(SLOW);
  await tabTo(page, next);
  await page.keyboard.press('Enter');
}

describe.skipIf(noBrowser())('web: OIDC sign-in against a real provider', () => {
  for (const database of DATABASES) {
    describe(database, () => {
      let idp: TestIdp | undefined;
      // A first OIDC sign-in gets the configured role: requester here, so the mapping shows (the default is viewer).
      const web = useWebServer(database, async (url) => {
        idp = await startTestIdp(`${url}/api/auth/oidc/callback`);
        return { oidc: { ...idp.options, defaultRole: 'requester' } };
      });
      afterAll(() => idp?.close());

      for (const [lang, login] of [
        ['en', 'alice'],
        ['fr', 'benoit'],
      ] as const) {
        it(`${lang}: signs in with the keyboard through the provider's pages, lands signed in, signs out`, async () => {
          const { page, problems } = await newPage(web.browser, web.server.url, lang);
          // Test traffic stays on loopback: the provider's pages load a web font, refused here.
          await page.route(
            (url) => url.hostname !== '127.0.0.1',
            (route) => route.abort(),
          );
          await page.goto(`/#/login?lang=${lang}`);
          const button = page.getByRole('link', { name: TEXT[lang].button, exact: true });
          await button.waitFor(SLOW);
          // The only test where the login page shows the OIDC link: axe-clean with it.
          expect(await axeViolations(page)).toEqual([]);
          await tabTo(page, button);
          await page.keyboard.press('Enter');
          await atProvider(page, (idp as TestIdp).issuer, login);
          // Back on the app, signed in: the name from the ID token (as text), the role the server gave.
          const who = page.getByText(`${TEXT[lang].signedIn} ${login} <img src=x> (requester)`, { exact: true });
          await who.waitFor(SLOW);
          await page.getByRole('heading', { level: 1, name: 'Sites' }).waitFor(SLOW);
          expect(await page.locator('header img').count()).toBe(0);
          const session = await page.evaluate(async () => (await fetch('/api/session')).json());
          expect(session.user).toMatchObject({ username: login, role: 'requester', locale: lang });
          const signOut = page.getByRole('button', { name: TEXT[lang].signOut });
          await tabTo(page, signOut);
          await page.keyboard.press('Enter');
          await page.getByRole('link', { name: TEXT[lang].button, exact: true }).waitFor(SLOW);
          expect(await page.evaluate(async () => (await (await fetch('/api/session')).json()).user)).toBeNull();
          expect(problems).toEqual([]);
          await page.context().close();
        });
      }
    });
  }
});
