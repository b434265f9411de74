import { messages } from '../i18n.ts';

const useT = messages({
  en: { notFound: 'Page not found', soon: 'This screen is not built yet.' },
  fr: { notFound: 'Page introuvable', soon: "Cet écran n'est pas encore construit." },
});

export function NotFound() {
  const t = useT();
  return <h1 tabIndex={-1}>{t('notFound')}</h1>;
}

/** A screen another branch builds; the route exists so links and navigation work meanwhile. */
export function NotYet({ title }: { title: string }) {
  const t = useT();
  return (
    <>
      <h1 tabIndex={-1}>{title}</h1>
      <p>{t('soon')}</p>
    </>
  );
}
