import type { SiteConflict } from '../../api-types.ts';
import { messages } from '../../i18n.ts';

const useT = messages({
  en: {
    title: 'Someone saved this site before you',
    who: '{user} saved version {v} while you were editing. Their changes against yours:',
    theirs: 'Their version',
    take: 'Take their version (drop my edits)',
    overwrite: 'Save mine over theirs',
  },
  fr: {
    title: "Quelqu'un a enregistré ce site avant vous",
    who: '{user} a enregistré la version {v} pendant votre modification. Ses changements par rapport aux vôtres :',
    theirs: 'Sa version',
    take: 'Prendre sa version (abandonner mes modifications)',
    overwrite: 'Enregistrer la mienne par-dessus',
  },
});

/** The 409 of a save: who saved, the diff the server computed, and the two ways out. Nothing is lost silently. */
export function Conflict({
  conflict,
  onTakeTheirs,
  onOverwrite,
}: {
  conflict: SiteConflict;
  onTakeTheirs: () => void;
  onOverwrite: () => void;
}) {
  const t = useT();
  // Only the changed lines and two lines around each, as `diff -u` shows them.
  const near = (i: number) => conflict.diff.slice(Math.max(0, i - 2), i + 3).some((l) => l.op !== ' ');
  const diff = conflict.diff
    .filter((_, i) => near(i))
    .map((l) => `${l.op} ${l.text}`)
    .join('\n');
  return (
    <section className="notice notice-error" role="alert" aria-labelledby="conflict-h">
      <h2 id="conflict-h">{t('title')}</h2>
      <p>{t('who', { user: conflict.current.updatedBy, v: conflict.current.version })}</p>
      <pre className="diff" data-testid="conflict-diff">
        {diff}
      </pre>
      <details>
        <summary>{t('theirs')}</summary>
        <pre className="diff">{conflict.current.yaml}</pre>
      </details>
      <div className="toolbar">
        <button type="button" onClick={onTakeTheirs}>
          {t('take')}
        </button>
        <button type="button" onClick={onOverwrite}>
          {t('overwrite')}
        </button>
      </div>
    </section>
  );
}
