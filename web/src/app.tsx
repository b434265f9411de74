import { useCallback, useEffect, useRef, useState } from 'react';
import { api, setCsrfToken, setUnauthorizedHandler } from './api.ts';
import type { Locale, SessionResponse as Session } from './api-types.ts';
import { ErrorNotice, Loading } from './components/error-notice.tsx';
import { LocaleContext, messages, pick } from './i18n.ts';
import { href, match, navigate, useLocation, useQueryState } from './router.ts';
import { nav, routes, siteTabs } from './routes.tsx';
import { NotFound } from './screens/placeholder.tsx';
import { SessionContext } from './session.tsx';

const useT = messages({
  en: {
    skip: 'Skip to content',
    main: 'Main',
    site: 'Site',
    language: 'Language',
    signOut: 'Sign out',
    signedIn: 'Signed in as {name} ({role})',
  },
  fr: {
    skip: 'Aller au contenu',
    main: 'Principale',
    site: 'Site',
    language: 'Langue',
    signOut: 'Se déconnecter',
    signedIn: 'Connecté en tant que {name} ({role})',
  },
});

export function App() {
  const [session, setSession] = useState<Session>();
  const [error, setError] = useState<unknown>();
  const loc = useLocation();

  const refresh = useCallback(async () => {
    const s = await api.get<Session>('/api/session');
    setCsrfToken(s.csrfToken);
    setSession(s);
  }, []);

  useEffect(() => {
    refresh().catch(setError);
    setUnauthorizedHandler(() => {
      refresh().catch(setError);
    });
  }, [refresh]);

  const urlLang = loc.query.get('lang');
  const locale: Locale =
    urlLang === 'fr' || urlLang === 'en' ? urlLang : (session?.user?.locale ?? (browserPrefersFrench() ? 'fr' : 'en'));
  useEffect(() => {
    document.documentElement.lang = locale;
  }, [locale]);

  const found = findRoute(loc.path);
  const needsLogin = session && !session.user && !found?.route.public;
  useEffect(() => {
    if (needsLogin) navigate('/login', { next: loc.path }, true);
    else if (session?.user && loc.path === '/') navigate('/sites', undefined, true);
  }, [needsLogin, session, loc.path]);

  return (
    <LocaleContext.Provider value={locale}>
      {!session ? (
        error ? (
          <ErrorNotice error={error} />
        ) : (
          <Loading />
        )
      ) : (
        <SessionContext.Provider value={{ session, refresh }}>
          <Shell session={session} locale={locale}>
            {found && !needsLogin ? found.route.render(found.params) : needsLogin ? <Loading /> : <NotFound />}
          </Shell>
        </SessionContext.Provider>
      )}
    </LocaleContext.Provider>
  );
}

function browserPrefersFrench(): boolean {
  return navigator.language.toLowerCase().startsWith('fr');
}

function findRoute(path: string) {
  for (const route of routes) {
    const params = match(route.pattern, path);
    if (params) return { route, params };
  }
  return undefined;
}

function Shell({ session, locale, children }: { session: Session; locale: Locale; children: React.ReactNode }) {
  const t = useT();
  const loc = useLocation();
  const [, setQuery] = useQueryState();
  const mainRef = useRef<HTMLElement>(null);
  const siteId = /^\/sites\/([^/]+)/.exec(loc.path)?.[1];
  const site = siteId && siteId !== 'new' ? decodeURIComponent(siteId) : undefined;

  // A new screen takes the focus to its heading, so keyboard and screen-reader users start at its top.
  // biome-ignore lint/correctness/useExhaustiveDependencies: runs on each route change
  useEffect(() => {
    const h1 = mainRef.current?.querySelector<HTMLElement>('h1');
    if (h1 && document.activeElement === document.body) h1.focus();
    else if (h1 && !mainRef.current?.contains(document.activeElement)) h1.focus({ preventScroll: true });
  }, [loc.path]);

  async function switchLanguage(next: Locale) {
    setQuery((q) => q.set('lang', next), true);
    if (session.user) api.patch('/api/me', { locale: next }).catch(() => {});
  }

  async function signOut() {
    await api.post('/api/auth/logout').catch(() => {});
    window.location.hash = href('/login');
    window.location.reload();
  }

  return (
    <>
      <button type="button" className="skip" onClick={() => mainRef.current?.focus()}>
        {t('skip')}
      </button>
      <header className="top">
        <a className="brand" href={href('/sites')}>
          Flowmatrix
        </a>
        {session.user && (
          <nav aria-label={t('main')}>
            <ul>
              {nav
                .filter((n) => !('adminOnly' in n && n.adminOnly) || session.user?.role === 'admin')
                .map((n) => (
                  <li key={n.path}>
                    <a href={href(n.path)} aria-current={loc.path.startsWith(n.path) ? 'page' : undefined}>
                      {pick(n.label, locale)}
                    </a>
                  </li>
                ))}
            </ul>
          </nav>
        )}
        <div className="top-end">
          <fieldset className="lang">
            <legend className="sr-only">{t('language')}</legend>
            {(['fr', 'en'] as const).map((l) => (
              <button
                key={l}
                type="button"
                lang={l}
                aria-pressed={locale === l}
                onClick={() => switchLanguage(l)}
                title={l === 'fr' ? 'Français' : 'English'}
              >
                {l === 'fr' ? 'FR' : 'EN'}
              </button>
            ))}
          </fieldset>
          {session.user && (
            <>
              <span className="who">
                {t('signedIn', { name: session.user.displayName || session.user.username, role: session.user.role })}
              </span>
              <button type="button" onClick={signOut}>
                {t('signOut')}
              </button>
            </>
          )}
        </div>
      </header>
      {site && session.user && (
        <nav className="site-tabs" aria-label={`${t('site')} ${site}`}>
          <ul>
            {siteTabs.map((tab) => {
              const path = `/sites/${encodeURIComponent(site)}${tab.segment ? `/${tab.segment}` : ''}`;
              return (
                <li key={tab.segment}>
                  <a href={href(path)} aria-current={loc.path === path ? 'page' : undefined}>
                    {pick(tab.label, locale)}
                  </a>
                </li>
              );
            })}
          </ul>
        </nav>
      )}
      <main id="main" ref={mainRef} tabIndex={-1}>
        {children}
      </main>
    </>
  );
}
