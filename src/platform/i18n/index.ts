import i18next, { type TFunction } from "i18next";
import { da } from "./da.ts";
import { en } from "./en.ts";

export const languages = ["da", "en"] as const;
export type Lang = (typeof languages)[number];
export type T = TFunction;

export const isLang = (value: unknown): value is Lang => value === "da" || value === "en";

const i18n = i18next.createInstance();
await i18n.init({
  resources: { da: { translation: da }, en: { translation: en } },
  lng: "da",
  fallbackLng: "da",
  initAsync: false,
  // Preact escapes everything it renders; escaping here would escape twice.
  interpolation: { escapeValue: false },
  returnNull: false,
});

const fixed: Record<Lang, TFunction> = { da: i18n.getFixedT("da"), en: i18n.getFixedT("en") };

export function translator(lang: Lang): TFunction {
  return fixed[lang];
}

/** Translates a key if it is one; passes through text that is already a message. */
export function translateMaybe(t: TFunction, keyOrText: string, params?: Record<string, unknown>): string {
  return i18n.exists(keyOrText) ? String(t(keyOrText, params)) : keyOrText;
}

export const isTranslationKey = (text: string): boolean => i18n.exists(text);
