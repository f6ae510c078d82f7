import type { Me } from '../../api/types';

/** PLACEHOLDER: replaced by the page itself. */
export function SupervisionPage({ me }: { me: Me }) {
  return <div data-placeholder={me.username} />;
}
