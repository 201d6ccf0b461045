/**
 * Language: Vietnamese by default, English on request, remembered in localStorage. A dictionary
 * module and Intl for dates and numbers are all the app needs; no i18n framework.
 */
import { createContext, useCallback, useContext, useEffect, useMemo, useState, type ReactNode } from 'react';
import type { FieldProblem } from '../api/graphql';
import type { DeliveryStatus, Urgency } from '../generated/graphql';
import { ACTION_LABELS, en, STATUS_LABELS, URGENCY_LABELS, vi, type MessageKey } from './messages';
import { formField, problemMessage } from './problems';

export type Lang = 'vi' | 'en';
const STORAGE_KEY = 'lienthong.lang';
const LOCALES: Record<Lang, string> = { vi: 'vi-VN', en: 'en-GB' };
// Dates are shown in Vietnam's time, whatever the browser's zone, as the documents are dated there.
const TIME_ZONE = 'Asia/Ho_Chi_Minh';

export interface I18n {
  lang: Lang;
  setLang(lang: Lang): void;
  t(key: MessageKey, params?: Record<string, string | number>): string;
  status(status: DeliveryStatus): string;
  action(status: DeliveryStatus): string;
  urgency(urgency: Urgency): string;
  problem(message: string): string;
  /** The hub's problems with one form field (its items included), worded for the user; null if none. */
  problemsOn(problems: readonly FieldProblem[], field: string): string | null;
  /** A DateTime as a local date and time. */
  dateTime(iso: string): string;
  /** A Date (YYYY-MM-DD) as a local date. */
  date(isoDate: string): string;
  number(n: number): string;
}

const I18nContext = createContext<I18n | null>(null);

function initialLang(): Lang {
  try {
    return localStorage.getItem(STORAGE_KEY) === 'en' ? 'en' : 'vi';
  } catch {
    return 'vi';
  }
}

export function I18nProvider({ children }: { children: ReactNode }) {
  const [lang, setLangState] = useState<Lang>(initialLang);
  useEffect(() => {
    document.documentElement.lang = lang;
  }, [lang]);
  const setLang = useCallback((next: Lang) => {
    setLangState(next);
    try {
      localStorage.setItem(STORAGE_KEY, next);
    } catch {
      // Private mode: the choice lasts for this page only.
    }
  }, []);
  const value = useMemo<I18n>(() => {
    const words = lang === 'vi' ? vi : en;
    const day = { day: '2-digit', month: '2-digit', year: 'numeric' } as const;
    const dateTimeFormat = new Intl.DateTimeFormat(LOCALES[lang], { ...day, hour: '2-digit', minute: '2-digit', timeZone: TIME_ZONE });
    const dateFormat = new Intl.DateTimeFormat(LOCALES[lang], { ...day, timeZone: 'UTC' });
    const numberFormat = new Intl.NumberFormat(LOCALES[lang]);
    return {
      lang,
      setLang,
      t: (key, params) => words[key].replace(/\{(\w+)\}/g, (_, name: string) => String(params?.[name] ?? `{${name}}`)),
      status: (s) => STATUS_LABELS[lang][s],
      action: (s) => ACTION_LABELS[lang][s] ?? STATUS_LABELS[lang][s],
      urgency: (u) => URGENCY_LABELS[lang][u],
      problem: (message) => problemMessage(message, lang),
      problemsOn: (problems, field) => {
        const mine = problems.filter((p) => formField(p.field) === field).map((p) => problemMessage(p.message, lang));
        return mine.length ? mine.join('; ') : null;
      },
      dateTime: (iso) => dateTimeFormat.format(new Date(iso)),
      date: (isoDate) => dateFormat.format(new Date(`${isoDate}T00:00:00Z`)),
      number: (n) => numberFormat.format(n),
    };
  }, [lang, setLang]);
  return <I18nContext.Provider value={value}>{children}</I18nContext.Provider>;
}

export function useI18n(): I18n {
  const i18n = useContext(I18nContext);
  if (!i18n) throw new Error('useI18n outside I18nProvider');
  return i18n;
}
