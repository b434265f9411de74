import { messages } from '../../i18n.ts';
import { AddForm, CheckField, CommitInput, SelectField } from './fields.tsx';
import { addEntry, appendItem, joinList, type SiteView, setOrDelete, splitList } from './site-doc.ts';
import type { Edit } from './types.ts';

const useT = messages({
  en: {
    zones: 'Zones',
    hosts: 'Hosts',
    groups: 'Groups',
    firewalls: 'Firewalls',
    kind: 'Kind of zone {name}',
    cidrs: 'Addresses of zone {name} (CIDR, comma separated)',
    isDefault: 'Default zone (addresses no other zone holds)',
    address: 'Addresses of host {name}',
    hostZone: 'Zone of host {name}',
    noZone: '(from its address)',
    members: 'Members of group {name}',
    fwName: 'Name of firewall {n}',
    platform: 'Platform of firewall {name}',
    fwZones: 'Zones separated by firewall {name}',
    remove: 'Remove {name}',
    addZone: 'New zone name',
    addHost: 'New host name',
    addGroup: 'New group name',
    addFirewall: 'New firewall name',
    add: 'Add',
  },
  fr: {
    zones: 'Zones',
    hosts: 'Hôtes',
    groups: 'Groupes',
    firewalls: 'Pare-feux',
    kind: 'Type de la zone {name}',
    cidrs: 'Adresses de la zone {name} (CIDR, séparées par des virgules)',
    isDefault: 'Zone par défaut (adresses d’aucune autre zone)',
    address: "Adresses de l'hôte {name}",
    hostZone: "Zone de l'hôte {name}",
    noZone: '(selon son adresse)',
    members: 'Membres du groupe {name}',
    fwName: 'Nom du pare-feu {n}',
    platform: 'Plateforme du pare-feu {name}',
    fwZones: 'Zones séparées par le pare-feu {name}',
    remove: 'Retirer {name}',
    addZone: 'Nom de la nouvelle zone',
    addHost: 'Nom du nouvel hôte',
    addGroup: 'Nom du nouveau groupe',
    addFirewall: 'Nom du nouveau pare-feu',
    add: 'Ajouter',
  },
});

const KINDS = ['internal', 'perimeter', 'external'] as const;

export function StructureForms({ view, edit }: { view: SiteView; edit: Edit }) {
  const t = useT();
  const zoneNames = view.zones.map(([n]) => n);
  const remove = (path: (string | number)[], name: string) => (
    <button type="button" onClick={() => edit((d) => d.deleteIn(path))}>
      {t('remove', { name })}
    </button>
  );
  return (
    <>
      <section>
        <h2>{t('zones')}</h2>
        {view.zones.map(([name, z]) => (
          <fieldset key={name} className="entry">
            <legend>{name}</legend>
            <SelectField
              label={t('kind', { name })}
              value={z?.kind ?? 'internal'}
              options={KINDS}
              onChange={(v) => edit((d) => d.setIn(['zones', name, 'kind'], v))}
            />
            <CommitInput
              label={t('cidrs', { name })}
              value={joinList(z?.cidrs)}
              onCommit={(v) => edit((d) => setOrDelete(d, ['zones', name, 'cidrs'], splitList(v)))}
            />
            <CheckField
              label={t('isDefault')}
              checked={z?.default === true}
              onChange={(c) => edit((d) => setOrDelete(d, ['zones', name, 'default'], c ? true : undefined))}
            />
            {remove(['zones', name], name)}
          </fieldset>
        ))}
        <AddForm
          label={t('addZone')}
          button={t('add')}
          onAdd={(n) => edit((d) => addEntry(d, ['zones'], n, { kind: 'internal', cidrs: [] }))}
        />
      </section>
      <section>
        <h2>{t('hosts')}</h2>
        {view.hosts.map(([name, h]) => (
          <fieldset key={name} className="entry">
            <legend>{name}</legend>
            <CommitInput
              label={t('address', { name })}
              value={joinList(h?.address)}
              onCommit={(v) => {
                const list = splitList(v);
                edit((d) => setOrDelete(d, ['hosts', name, 'address'], list.length === 1 ? list[0] : list));
              }}
            />
            <SelectField
              label={t('hostZone', { name })}
              value={h?.zone ?? ''}
              options={[['', t('noZone')], ...zoneNames]}
              onChange={(v) => edit((d) => setOrDelete(d, ['hosts', name, 'zone'], v || undefined))}
            />
            {remove(['hosts', name], name)}
          </fieldset>
        ))}
        <AddForm label={t('addHost')} button={t('add')} onAdd={(n) => edit((d) => addEntry(d, ['hosts'], n, {}))} />
      </section>
      <section>
        <h2>{t('groups')}</h2>
        {view.groups.map(([name, members]) => (
          <fieldset key={name} className="entry">
            <legend>{name}</legend>
            <CommitInput
              label={t('members', { name })}
              value={joinList(members)}
              onCommit={(v) => edit((d) => setOrDelete(d, ['groups', name], splitList(v)))}
            />
            {remove(['groups', name], name)}
          </fieldset>
        ))}
        <AddForm
          label={t('addGroup')}
          button={t('add')}
          onAdd={(n) => edit((d) => addEntry(d, ['groups'], n, [view.hosts[0]?.[0] ?? n]))}
        />
      </section>
      <section>
        <h2>{t('firewalls')}</h2>
        {view.firewalls.map((fw, i) => {
          const name = fw?.name ?? String(i + 1);
          return (
            // biome-ignore lint/suspicious/noArrayIndexKey: firewalls are a list; the index is their identity here
            <fieldset key={i} className="entry">
              <legend>{name}</legend>
              <CommitInput
                label={t('fwName', { n: i + 1 })}
                value={fw?.name ?? ''}
                onCommit={(v) => edit((d) => d.setIn(['firewalls', i, 'name'], v))}
              />
              <CommitInput
                label={t('platform', { name })}
                value={fw?.platform ?? ''}
                onCommit={(v) => edit((d) => d.setIn(['firewalls', i, 'platform'], v))}
              />
              <CommitInput
                label={t('fwZones', { name })}
                value={joinList(fw?.zones)}
                onCommit={(v) => edit((d) => setOrDelete(d, ['firewalls', i, 'zones'], splitList(v)))}
              />
              {remove(['firewalls', i], name)}
            </fieldset>
          );
        })}
        <AddForm
          label={t('addFirewall')}
          button={t('add')}
          onAdd={(n) =>
            edit((d) => appendItem(d, ['firewalls'], { name: n, platform: 'nftables', zones: zoneNames.slice(0, 2) }))
          }
        />
      </section>
    </>
  );
}
