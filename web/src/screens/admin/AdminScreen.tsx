import { useQueryState } from '../../router.ts';
import { useSessionUser } from '../common/hooks.ts';
import { useStrings } from '../common/i18n.ts';
import { Tabs } from '../common/ui.tsx';
import { LogPanel } from './LogPanel.tsx';
import { adminStrings } from './strings.ts';
import { TokensPanel } from './TokensPanel.tsx';
import { UsersPanel } from './UsersPanel.tsx';

/** Who sees which section: tokens are everyone's own; users are the admin's; the log is for auditors. */
const SECTIONS = {
  tokens: ['viewer', 'requester', 'approver', 'implementer', 'admin'],
  users: ['admin'],
  log: ['approver', 'admin'],
} as const satisfies Record<string, readonly string[]>;
type Section = keyof typeof SECTIONS;

export function AdminScreen() {
  const s = useStrings(adminStrings);
  const user = useSessionUser();
  const [query, setQuery] = useQueryState();
  const role = user?.role ?? 'viewer';
  const labels: Record<Section, string> = { tokens: s.tokensTab, users: s.usersTab, log: s.logTab };
  const mine = (Object.keys(SECTIONS) as Section[]).filter((k) => (SECTIONS[k] as readonly string[]).includes(role));
  const asked = query.get('section') as Section | null;
  const tab: Section = asked && mine.includes(asked) ? asked : (mine[0] ?? 'tokens');
  return (
    <section className="fm-screen fm-admin" aria-labelledby="admin-title">
      <h1 tabIndex={-1} id="admin-title">
        {s.title}
      </h1>
      <Tabs
        tabs={mine.map((id) => ({ id, label: labels[id] }))}
        current={tab}
        onChange={(id) => setQuery((q) => q.set('section', id), true)}
        label={s.sections}
      />
      <div role="tabpanel" id={`panel-${tab}`} aria-labelledby={`tab-${tab}`} className="fm-panel">
        {tab === 'tokens' ? <TokensPanel /> : null}
        {tab === 'users' ? <UsersPanel /> : null}
        {tab === 'log' ? <LogPanel /> : null}
      </div>
    </section>
  );
}
