import { NotYet } from './placeholder.tsx';

export function MatrixScreen({ siteId }: { siteId: string }) {
  return <NotYet title={siteId} />;
}
