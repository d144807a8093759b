// Languages: Simplified Chinese first, English second. Messages are plain objects keyed
// by id; English must have every id Chinese has (the type says so).
import { createContext, useCallback, useContext, useMemo, useState, type ReactNode } from "react";
import { IntlProvider, useIntl } from "react-intl";
import { en } from "./en";
import { zh, type MessageId } from "./zh";

export type Locale = "zh-CN" | "en";
export type { MessageId };
const MESSAGES: Record<Locale, Record<MessageId, string>> = { "zh-CN": zh, en };
const KEY = "cluehub.locale";

interface LocaleState {
  locale: Locale;
  setLocale: (locale: Locale) => void;
}

const LocaleContext = createContext<LocaleState>({ locale: "zh-CN", setLocale: () => {} });

function stored(): Locale {
  try {
    return localStorage.getItem(KEY) === "en" ? "en" : "zh-CN";
  } catch {
    return "zh-CN";
  }
}

export function LocaleProvider({ children, initial }: { children: ReactNode; initial?: Locale }) {
  const [locale, setState] = useState<Locale>(initial ?? stored);
  const setLocale = useCallback((next: Locale) => {
    try {
      localStorage.setItem(KEY, next);
    } catch {
      // not kept across tabs then
    }
    document.documentElement.lang = next;
    setState(next);
  }, []);
  const value = useMemo(() => ({ locale, setLocale }), [locale, setLocale]);
  return (
    <LocaleContext.Provider value={value}>
      <IntlProvider locale={locale} messages={MESSAGES[locale]} defaultLocale="zh-CN">
        {children}
      </IntlProvider>
    </LocaleContext.Provider>
  );
}

export function useLocale(): LocaleState {
  return useContext(LocaleContext);
}

export type Translate = (id: MessageId, values?: Record<string, string | number>) => string;

/** `t("search.title")`: the message in the current language. */
export function useT(): Translate {
  const intl = useIntl();
  return useCallback(
    (id: MessageId, values?: Record<string, string | number>) => intl.formatMessage({ id }, values),
    [intl],
  );
}

export function useFormat() {
  const intl = useIntl();
  return useMemo(
    () => ({
      time: (iso: string | null | undefined) =>
        iso ? intl.formatDate(iso, { dateStyle: "medium", timeStyle: "short" }) : "—",
      date: (iso: string | null | undefined) => (iso ? intl.formatDate(iso, { dateStyle: "medium" }) : "—"),
      number: (n: number | null | undefined, digits = 2) =>
        n === null || n === undefined ? "—" : intl.formatNumber(n, { maximumFractionDigits: digits }),
    }),
    [intl],
  );
}
