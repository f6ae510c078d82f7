import type { Me } from '../../api/types';

/** PLACEHOLDER: replaced by the page itself. */
export function RegistrationPage({ me }: { me: Me }) {
  return <div data-placeholder={me.username} />;
}
