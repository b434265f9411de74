import { useCallback, useEffect, useRef, useState } from 'react';
import { ApiError, api, seg } from '../api.ts';
import type { ApiIssue, Site, SiteConflict } from '../api-types.ts';
import { Badge } from '../components/badge.tsx';
import { ErrorNotice, Loading } from '../components/error-notice.tsx';
import { issueLine } from '../components/issue-words.ts';
import { messages, useLocale } from '../i18n.ts';
import { useMayEdit } from '../session.tsx';
import { useApi } from '../use-api.ts';
import { CatalogForms } from './site/catalog-forms.tsx';
import { Conflict } from './site/conflict.tsx';
import { editSite, readSite } from './site/site-doc.ts';
import { StructureForms } from './site/structure-forms.tsx';
import { YamlEditor, type YamlEditorHandle } from './site/yaml-editor.tsx';

const useT = messages({
  en: {
    title: 'Site {site}',
    editor: 'Site file (YAML)',
    forms: 'Forms',
    issues: 'Problems',
    noIssues: 'No problem found',
    checking: 'checking…',
    valid: 'valid',
    invalidOne: '{n} problem',
    invalidMany: '{n} problems',
    error: 'error',
    warning: 'warning',
    unsaved: 'unsaved changes',
    saved: 'saved (version {v})',
    save: 'Save',
    readOnly: 'Read only: saving needs the requester, approver, implementer or admin role.',
    yamlBroken: 'The forms wait for the YAML to parse: {message}',
    goTo: 'Go to line {line}, column {col}',
  },
  fr: {
    title: 'Site {site}',
    editor: 'Fichier du site (YAML)',
    forms: 'Formulaires',
    issues: 'Problèmes',
    noIssues: 'Aucun problème',
    checking: 'vérification…',
    valid: 'valide',
    invalidOne: '{n} problème',
    invalidMany: '{n} problèmes',
    error: 'erreur',
    warning: 'avertissement',
    unsaved: 'modifications non enregistrées',
    saved: 'enregistré (version {v})',
    save: 'Enregistrer',
    readOnly: 'Lecture seule : enregistrer demande le rôle demandeur, approbateur, exécutant ou administrateur.',
    yamlBroken: 'Les formulaires attendent un YAML lisible : {message}',
    goTo: 'Aller à la ligne {line}, colonne {col}',
  },
});

export function SiteEditorScreen({ siteId }: { siteId: string }) {
  const site = useApi<Site>(`/api/sites/${seg(siteId)}`);
  if (site.error) return <ErrorNotice error={site.error} />;
  if (!site.data) return <Loading />;
  return <SiteEditor key={site.data.version} initial={site.data} />;
}

function SiteEditor({ initial }: { initial: Site }) {
  const t = useT();
  const locale = useLocale();
  const [text, setText] = useState(initial.yaml);
  const [base, setBase] = useState({ version: initial.version, text: initial.yaml });
  const [issues, setIssues] = useState<ApiIssue[]>([]);
  const [checking, setChecking] = useState(false);
  const [error, setError] = useState<unknown>();
  const [conflict, setConflict] = useState<SiteConflict>();
  const editor = useRef<YamlEditorHandle>(null);
  const parsed = readSite(text);

  // Validate as the user types: the server runs the CLI's own checks, positions included.
  useEffect(() => {
    setChecking(true);
    const ctrl = { stale: false };
    const timer = setTimeout(() => {
      api.post<{ issues: ApiIssue[] }>('/api/validate', { yaml: text }).then(
        (res) => {
          if (ctrl.stale) return;
          setIssues(res.issues);
          setChecking(false);
        },
        (err) => {
          if (ctrl.stale) return;
          setChecking(false);
          if (err instanceof ApiError && err.issues.length > 0) setIssues(err.issues);
          else setError(err);
        },
      );
    }, 250);
    return () => {
      ctrl.stale = true;
      clearTimeout(timer);
    };
  }, [text]);

  const edit = useCallback((change: Parameters<typeof editSite>[1]) => setText((old) => editSite(old, change)), []);

  async function save(over?: number) {
    setError(undefined);
    try {
      const res = await api.put<{ version: number }>(`/api/sites/${seg(String(initial.id))}`, {
        yaml: text,
        baseVersion: over ?? base.version,
      });
      setBase({ version: res.version, text });
      setConflict(undefined);
    } catch (err) {
      if (err instanceof ApiError && err.status === 409) setConflict(err.body as SiteConflict);
      else setError(err);
    }
  }

  const errors = issues.filter((i) => i.severity !== 'warning').length;
  const mayEdit = useMayEdit();
  return (
    <>
      <h1 tabIndex={-1}>{t('title', { site: initial.name })}</h1>
      <div className="toolbar" aria-live="polite">
        {checking ? (
          <Badge tone="info">{t('checking')}</Badge>
        ) : errors > 0 ? (
          <Badge tone="bad">{t(issues.length === 1 ? 'invalidOne' : 'invalidMany', { n: issues.length })}</Badge>
        ) : (
          <Badge tone="ok">{t('valid')}</Badge>
        )}
        {text !== base.text ? (
          <Badge tone="warn">{t('unsaved')}</Badge>
        ) : (
          <Badge tone="ok">{t('saved', { v: base.version })}</Badge>
        )}
        {mayEdit ? (
          <button type="button" className="primary" onClick={() => save()} disabled={text === base.text}>
            {t('save')}
          </button>
        ) : (
          <span>{t('readOnly')}</span>
        )}
      </div>
      <ErrorNotice error={error} />
      {conflict && (
        <Conflict
          conflict={conflict}
          onTakeTheirs={() => {
            setText(conflict.current.yaml);
            setBase({ version: conflict.current.version, text: conflict.current.yaml });
            setConflict(undefined);
          }}
          onOverwrite={() => save(conflict.current.version)}
        />
      )}
      <div className="editor-layout">
        <section aria-labelledby="site-yaml-h">
          <h2 id="site-yaml-h">{t('editor')}</h2>
          <YamlEditor
            ref={editor}
            value={text}
            onChange={setText}
            issues={issues}
            label={t('editor')}
            locale={locale}
          />
          <h2>{t('issues')}</h2>
          {issues.length === 0 ? (
            <p>{t('noIssues')}</p>
          ) : (
            <ul className="issues" data-testid="issues">
              {issues.map((i) => (
                <li key={`${i.line}:${i.col}:${i.message}`}>
                  <button
                    type="button"
                    className="link"
                    onClick={() => editor.current?.goTo(i.line, i.col)}
                    title={t('goTo', { line: i.line, col: i.col })}
                  >
                    <Badge tone={i.severity === 'warning' ? 'warn' : 'bad'}>
                      {t(i.severity === 'warning' ? 'warning' : 'error')}
                    </Badge>{' '}
                    {i.line}:{i.col} — {issueLine(i, locale)}
                  </button>
                </li>
              ))}
            </ul>
          )}
        </section>
        <section aria-labelledby="site-forms-h" className="forms">
          <h2 id="site-forms-h">{t('forms')}</h2>
          {parsed.ok ? (
            <>
              <CatalogForms view={parsed.view} edit={edit} />
              <StructureForms view={parsed.view} edit={edit} />
            </>
          ) : (
            <p role="status">{t('yamlBroken', { message: parsed.message })}</p>
          )}
        </section>
      </div>
    </>
  );
}
