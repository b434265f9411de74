import { type FormEvent, useId, useState } from 'react';
import { api } from '../api.ts';
import { ErrorNotice } from '../components/error-notice.tsx';
import { messages, useLocale } from '../i18n.ts';
import { navigate, useLocation } from '../router.ts';
import { useSession } from '../session.tsx';

const useT = messages({
  en: {
    title: 'Sign in',
    username: 'User name',
    password: 'Password',
    submit: 'Sign in',
    oidc: 'Sign in with your organisation (OIDC)',
    intro: 'Flowmatrix: the flow matrix, its rules, audit and changes, for the whole team.',
  },
  fr: {
    title: 'Connexion',
    username: "Nom d'utilisateur",
    password: 'Mot de passe',
    submit: 'Se connecter',
    oidc: 'Se connecter avec votre organisation (OIDC)',
    intro: "Flowmatrix : la matrice de flux, ses règles, son audit et ses changements, pour toute l'équipe.",
  },
});

export function LoginScreen() {
  const t = useT();
  const locale = useLocale();
  const { session, refresh } = useSession();
  const loc = useLocation();
  const [error, setError] = useState<unknown>();
  const [busy, setBusy] = useState(false);
  const userId = useId();
  const passId = useId();

  async function submit(e: FormEvent<HTMLFormElement>) {
    e.preventDefault();
    const form = new FormData(e.currentTarget);
    setBusy(true);
    setError(undefined);
    try {
      await api.post('/api/auth/login', { username: form.get('username'), password: form.get('password') });
      await refresh();
      navigate(loc.query.get('next') ?? '/sites');
    } catch (err) {
      setError(err);
    } finally {
      setBusy(false);
    }
  }

  return (
    <div className="login">
      <h1 tabIndex={-1}>{t('title')}</h1>
      <p>{t('intro')}</p>
      <form onSubmit={submit} className="form" aria-busy={busy}>
        <label htmlFor={userId}>{t('username')}</label>
        <input id={userId} name="username" autoComplete="username" required />
        <label htmlFor={passId}>{t('password')}</label>
        <input id={passId} name="password" type="password" autoComplete="current-password" required />
        <ErrorNotice error={error} />
        <button type="submit" disabled={busy}>
          {t('submit')}
        </button>
      </form>
      {session.oidc && (
        <p>
          <a href={`/api/auth/oidc/start?lang=${locale}`}>{t('oidc')}</a>
        </p>
      )}
    </div>
  );
}
