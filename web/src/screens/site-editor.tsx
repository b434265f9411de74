import { NotYet } from './placeholder.tsx';

export function SiteEditorScreen({ siteId }: { siteId: string }) {
  return <NotYet title={siteId} />;
}
