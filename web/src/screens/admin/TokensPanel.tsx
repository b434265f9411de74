import { type FormEvent, useState } from 'react';
import { apiPath, apiSend } from '../common/api.ts';
import { useApi } from '../common/hooks.ts';
import { formatWhen, useLang, useStrings } from '../common/i18n.ts';
import type { CreatedToken, TokenEntry } from '../common/types.ts';
import { CopyButton, ErrorNote, Field, Loading } from '../common/ui.tsx';
import { adminStrings } from './strings.ts';

/** The user's API tokens: create one (scoped, expiring; its secret shown once), see them, revoke them. */
export function TokensPanel() {
  const s = useStrings(adminStrings);
  const lang = useLang();
  const tokens = useApi<TokenEntry[]>('/api/tokens');
  const [name, setName] = useState('');
  const [scope, setScope] = useState<'read' | 'write'>('read');
  const [days, setDays] = useState('30');
  const [created, setCreated] = useState<CreatedToken | null>(null);
  const [said, setSaid] = useState('');
  const [error, setError] = useState<unknown>(null);

  const create = async (e: FormEvent) => {
    e.preventDefault();
    setError(null);
    setSaid('');
    try {
      const t = await apiSend<CreatedToken>('POST', '/api/tokens', {
        name: name.trim(),
        scope,
        expiresInDays: Number(days),
      });
      setCreated(t);
      setName('');
      tokens.reload();
    } catch (err) {
      setError(err);
    }
  };
  const revoke = async (t: TokenEntry) => {
    setError(null);
    try {
      await apiSend('DELETE', apiPath('tokens', t.id));
      setSaid(s.tokenRevoked(t.name));
      if (created?.id === t.id) setCreated(null);
      tokens.reload();
    } catch (err) {
      setError(err);
    }
  };
  const now = Date.now();

  return (
    <>
      <form className="form" onSubmit={create} aria-labelledby="new-token-title">
        <h2 id="new-token-title">{s.newToken}</h2>
        <Field label={s.tokenName}>
          {(id) => <input id={id} required value={name} onChange={(e) => setName(e.target.value)} />}
        </Field>
        <fieldset>
          <legend>{s.scope}</legend>
          <label className="fm-check">
            <input type="radio" name="scope" checked={scope === 'read'} onChange={() => setScope('read')} />{' '}
            {s.scopeRead}
          </label>
          <label className="fm-check">
            <input type="radio" name="scope" checked={scope === 'write'} onChange={() => setScope('write')} />{' '}
            {s.scopeWrite}
          </label>
        </fieldset>
        <Field label={s.days}>
          {(id) => (
            <input
              id={id}
              type="number"
              min={1}
              max={365}
              required
              value={days}
              onChange={(e) => setDays(e.target.value)}
            />
          )}
        </Field>
        <button type="submit" className="primary">
          {s.create}
        </button>
      </form>
      {created ? (
        <div className="notice notice-ok" role="status" aria-label={s.tokenFor(created.name)}>
          <p>
            <strong>{s.tokenOnce}</strong>
          </p>
          <p className="fm-secret" data-token="secret">
            {created.token}
          </p>
          <CopyButton text={created.token} />
        </div>
      ) : null}
      <p role="status" className="fm-live">
        {said}
      </p>
      <ErrorNote error={error ?? tokens.error} />
      <h2>{s.tokens}</h2>
      {tokens.loading && !tokens.data ? <Loading /> : null}
      {tokens.data && tokens.data.length === 0 ? <p>{s.noTokens}</p> : null}
      {tokens.data && tokens.data.length > 0 ? (
        <table className="data">
          <thead>
            <tr>
              <th scope="col">{s.tokenName}</th>
              <th scope="col">{s.scope}</th>
              <th scope="col">{s.expires}</th>
              <th scope="col">{s.status}</th>
              <th scope="col">
                <span className="sr-only">{s.revoke}</span>
              </th>
            </tr>
          </thead>
          <tbody>
            {tokens.data.map((t) => {
              const expired = new Date(t.expiresAt).getTime() < now;
              return (
                <tr key={t.id}>
                  <td className="fm-wrap">{t.name}</td>
                  <td>{t.scope}</td>
                  <td>{formatWhen(t.expiresAt, lang)}</td>
                  <td>{t.revoked ? `✗ ${s.revoked}` : expired ? `⌛ ${s.expired}` : `✓ ${s.valid}`}</td>
                  <td>
                    {t.revoked ? null : (
                      <button type="button" aria-label={s.revokeNamed(t.name)} onClick={() => revoke(t)}>
                        {s.revoke}
                      </button>
                    )}
                  </td>
                </tr>
              );
            })}
          </tbody>
        </table>
      ) : null}
    </>
  );
}
