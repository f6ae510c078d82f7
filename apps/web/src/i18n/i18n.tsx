import { createContext, useContext, type ReactNode } from 'react';
import type { Bilingual } from '../api/client';
import { ApiError } from '../api/client';
import adminEn from './areas/admin.en.json';
import adminZh from './areas/admin.zh-CN.json';
import caseEn from './areas/case.en.json';
import caseZh from './areas/case.zh-CN.json';
import inboxEn from './areas/inbox.en.json';
import inboxZh from './areas/inbox.zh-CN.json';
import registrationEn from './areas/registration.en.json';
import registrationZh from './areas/registration.zh-CN.json';
import supervisionEn from './areas/supervision.en.json';
import supervisionZh from './areas/supervision.zh-CN.json';
import triageEn from './areas/triage.en.json';
import triageZh from './areas/triage.zh-CN.json';
import coreEn from './en.json';
import coreZh from './zh-CN.json';

// One file per console area (areas/), so that each area's words are kept beside each other.
const zh = {
  ...coreZh,
  ...caseZh,
  ...inboxZh,
  ...registrationZh,
  ...triageZh,
  ...supervisionZh,
  ...adminZh,
};
const en = {
  ...coreEn,
  ...caseEn,
  ...inboxEn,
  ...registrationEn,
  ...triageEn,
  ...supervisionEn,
  ...adminEn,
};

export type Lang = 'zh' | 'en';
export type MessageKey = keyof typeof zh;

// Every key of the Chinese file must be in the English one: a missing line does not compile.
const catalogs: Record<Lang, Record<MessageKey, string>> = { zh, en: en satisfies typeof zh };

export interface I18n {
  lang: Lang;
  /** The message `key` in the current language, `{name}` replaced from `vars`. */
  t: (key: MessageKey, vars?: Record<string, string | number>) => string;
  /** The current language's half of a message the API gave in both. */
  pick: (message: Bilingual) => string;
  /** What to tell the user about a failed call: the service's own words when it gave any. */
  errorText: (error: unknown) => string;
  /** The name of an API code (a status, a deadline kind…); the API's own label when unknown. */
  label: (group: LabelGroup, code: string, fallback?: string) => string;
}

export type LabelGroup =
  | 'status'
  | 'deadline'
  | 'deadlineStatus'
  | 'stage'
  | 'role'
  | 'assignment'
  | 'staffRole'
  | 'timeline'
  | 'evaluation';

export function makeI18n(lang: Lang): I18n {
  const catalog = catalogs[lang];
  const t: I18n['t'] = (key, vars) =>
    catalog[key].replace(/\{(\w+)\}/g, (whole, name: string) => String(vars?.[name] ?? whole));
  const pick: I18n['pick'] = (message) => message[lang];
  return {
    lang,
    t,
    pick,
    errorText: (error) => {
      if (error instanceof ApiError && error.messages) return pick(error.messages);
      if (error instanceof ApiError && error.code === 'NETWORK') return t('error.network');
      if (error instanceof ApiError && error.code === 'TIMEOUT') return t('error.timeout');
      return t('error.unexpected');
    },
    label: (group, code, fallback) => {
      const key = `${group}.${code}`;
      return hasKey(key) ? t(key) : (fallback ?? code);
    },
  };
}

/** Whether a catalog has `key`, for codes the API may add later (statuses, timeline types). */
export function hasKey(key: string): key is MessageKey {
  return key in zh;
}

const I18nContext = createContext<I18n>(makeI18n('zh'));

export function I18nProvider({ value, children }: { value: I18n; children: ReactNode }) {
  return <I18nContext.Provider value={value}>{children}</I18nContext.Provider>;
}

export function useI18n(): I18n {
  return useContext(I18nContext);
}
