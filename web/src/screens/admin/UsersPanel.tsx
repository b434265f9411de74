import { type FormEvent, useState } from 'react';
import { apiPath, apiSend } from '../common/api.ts';
import { useApi } from '../common/hooks.ts';
import { formatWhen, useLang, useStrings } from '../common/i18n.ts';
import { commonStrings } from '../common/strings.ts';
import type { Role, UserEntry } from '../common/types.ts';
import { ROLES } from '../common/types.ts';
import { ErrorNote, Field, Loading } from '../common/ui.tsx';
import { adminStrings } from './strings.ts';

/** Users and their roles: change a role, disable or enable an account, add a local account. */
export function UsersPanel() {
  const s = useStrings(adminStrings);
  const c = useStrings(commonStrings);
  const lang = useLang();
  const users = useApi<UserEntry[]>('/api/users');
  const [said, setSaid] = useState('');
  const [error, setError] = useState<unknown>(null);
  const [draft, setDraft] = useState({ username: '', displayName: '', password: '', role: 'viewer' as Role });

  const patch = async (u: UserEntry, change: { role?: Role; disabled?: boolean }) => {
    setError(null);
    try {
      await apiSend('PATCH', apiPath('users', u.id), change);
      setSaid(s.userSaved(u.username));
      users.reload();
    } catch (err) {
      setError(err);
    }
  };
  const create = async (e: FormEvent) => {
    e.preventDefault();
    setError(null);
    try {
      await apiSend('POST', '/api/users', {
        username: draft.username.trim(),
        password: draft.password,
        role: draft.role,
        ...(draft.displayName.trim() ? { displayName: draft.displayName.trim() } : {}),
      });
      setSaid(s.userCreated(draft.username.trim()));
      setDraft({ username: '', displayName: '', password: '', role: 'viewer' });
      users.reload();
    } catch (err) {
      setError(err);
    }
  };

  return (
    <>
      <p role="status" className="fm-live">
        {said}
      </p>
      <ErrorNote error={error ?? users.error} />
      {users.loading && !users.data ? <Loading /> : null}
      {users.data ? (
        <table className="data">
          <thead>
            <tr>
              <th scope="col">{s.username}</th>
              <th scope="col">{s.displayName}</th>
              <th scope="col">{s.role}</th>
              <th scope="col">{s.status}</th>
              <th scope="col">{s.created}</th>
            </tr>
          </thead>
          <tbody>
            {users.data.map((u) => (
              <tr key={u.id} data-user={u.username}>
                <td className="fm-wrap">
                  {u.username}
                  {u.oidc ? <span className="muted"> ({s.sso})</span> : null}
                </td>
                <td className="fm-wrap">{u.displayName}</td>
                <td>
                  <select
                    aria-label={s.roleOf(u.username)}
                    value={u.role}
                    onChange={(e) => patch(u, { role: e.target.value as Role })}
                  >
                    {ROLES.map((r) => (
                      <option key={r} value={r}>
                        {c.role[r]}
                      </option>
                    ))}
                  </select>
                </td>
                <td>
                  {u.disabled ? `✗ ${s.isDisabled}` : `✓ ${s.active}`}{' '}
                  <button
                    type="button"
                    aria-label={u.disabled ? s.enable(u.username) : s.disable(u.username)}
                    onClick={() => patch(u, { disabled: !u.disabled })}
                  >
                    {u.disabled ? s.enableButton : s.disableButton}
                  </button>
                </td>
                <td>{formatWhen(u.createdAt, lang)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      ) : null}
      <form className="form" onSubmit={create} aria-labelledby="add-user-title">
        <h2 id="add-user-title">{s.addUser}</h2>
        <Field label={s.username}>
          {(id) => (
            <input
              id={id}
              required
              autoComplete="off"
              value={draft.username}
              onChange={(e) => setDraft({ ...draft, username: e.target.value })}
            />
          )}
        </Field>
        <Field label={s.displayName}>
          {(id) => (
            <input
              id={id}
              value={draft.displayName}
              onChange={(e) => setDraft({ ...draft, displayName: e.target.value })}
            />
          )}
        </Field>
        <Field label={s.password}>
          {(id) => (
            <input
              id={id}
              type="password"
              required
              autoComplete="new-password"
              value={draft.password}
              onChange={(e) => setDraft({ ...draft, password: e.target.value })}
            />
          )}
        </Field>
        <Field label={s.role}>
          {(id) => (
            <select id={id} value={draft.role} onChange={(e) => setDraft({ ...draft, role: e.target.value as Role })}>
              {ROLES.map((r) => (
                <option key={r} value={r}>
                  {c.role[r]}
                </option>
              ))}
            </select>
          )}
        </Field>
        <button type="submit" className="primary">
          {s.create}
        </button>
      </form>
    </>
  );
}
