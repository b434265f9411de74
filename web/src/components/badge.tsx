/** A state shown by a word and a symbol, never by colour alone (the colour only repeats them). */
export type Tone = 'ok' | 'warn' | 'bad' | 'info';
const symbol: Record<Tone, string> = { ok: '✓', warn: '!', bad: '✗', info: 'i' };

export function Badge({ tone, children }: { tone: Tone; children: React.ReactNode }) {
  return (
    <span className={`badge badge-${tone}`}>
      <span aria-hidden="true">{symbol[tone]} </span>
      {children}
    </span>
  );
}
