import type { Me } from '../../api/types';

/** PLACEHOLDER: replaced by the page itself. */
export function AdminPage({ me, path }: { me: Me; path: string }) {
  return <div data-placeholder={`${me.username} ${path}`} />;
}
