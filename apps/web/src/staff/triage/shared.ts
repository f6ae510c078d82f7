import { useCallback } from 'react';
import { hasKey, useI18n } from '../../i18n/i18n';
import type { DirectoryUnit, TriageItem } from './types';

/** What the page's parts share: the units to choose from and their names. */
export interface UnitChoice {
  units: DirectoryUnit[];
  /** The unit's name, or its code when the directory read did not include it. */
  nameOf: (code: string | null) => string;
}

/** What the parts showing a queued case are given; `onChanged` reads the queue again. */
export interface QueuedCaseProps {
  item: TriageItem;
  choice: UnitChoice;
  onChanged: () => void;
}

/** The name of a code the API may extend (a rule, a reason): the code itself when unknown. */
export function useNamed() {
  const { t } = useI18n();
  return useCallback(
    (group: string, code: string | null) => {
      if (!code) return '';
      const key = `triage.${group}.${code}`;
      return hasKey(key) ? t(key) : code;
    },
    [t],
  );
}
