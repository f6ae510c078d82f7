import { useCallback, useState } from 'react';

/**
 * A form's request: `sending` while it runs (its button spins), and its failure kept for the
 * form to show (FormError). `onFailure` may put the service's word beside each field.
 */
export function useSending() {
  const [sending, setSending] = useState(false);
  const [error, setError] = useState<unknown>(null);

  const send = useCallback(
    async (call: () => Promise<unknown>, onFailure?: (failure: unknown) => void) => {
      setSending(true);
      setError(null);
      try {
        await call();
      } catch (failure) {
        setError(failure);
        onFailure?.(failure);
      } finally {
        setSending(false);
      }
    },
    [],
  );

  return { sending, error, setError, send };
}
