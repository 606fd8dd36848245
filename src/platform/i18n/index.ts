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

/** Upper bound on remembered translations per language (plain keys plus key-and-params pairs). */
const maxCached = 5000;

/**
 * i18next's t() copies its options and walks resolution, plurals and interpolation on every call;
 * a page makes dozens. The resources never change after init and this instance is private, so a
 * result depends only on the arguments: remember it. Calls whose params are all strings, finite
 * numbers or booleans are remembered under their JSON (which tells 1 from "1", so plurals with
 * `count` and `defaultValue` stay exact); anything else (objects, arrays, a default-value string,
 * template strings) goes straight to i18next.
 */
function cachingT(lang: Lang): TFunction {
  const fixedT = i18n.getFixedT(lang);
  const call = fixedT as unknown as (...args: unknown[]) => unknown;
  const cache = new Map<string, unknown>();
  const remember = (cacheKey: string, value: unknown): unknown => {
    if (cache.size >= maxCached) cache.delete(cache.keys().next().value as string);
    cache.set(cacheKey, value);
    return value;
  };
  const t = (...args: unknown[]): unknown => {
    const [key, options] = args;
    if (typeof key !== "string") return call(...args);
    if (args.length === 1 || (args.length === 2 && options === undefined)) {
      const hit = cache.get(key);
      return hit !== undefined || cache.has(key) ? hit : remember(key, call(key));
    }
    if (args.length === 2 && isPrimitiveParams(options)) {
      const cacheKey = `${key}\u0000${JSON.stringify(options)}`;
      const hit = cache.get(cacheKey);
      return hit !== undefined || cache.has(cacheKey) ? hit : remember(cacheKey, call(key, options));
    }
    return call(...args);
  };
  // Same call signature as i18next's TFunction; its brand is a type-only marker, so the cast is safe.
  return t as unknown as TFunction;
}

function isPrimitiveParams(options: unknown): options is Record<string, string | number | boolean> {
  if (
    options === null ||
    typeof options !== "object" ||
    Object.getPrototypeOf(options) !== Object.prototype
  ) {
    return false;
  }
  for (const key in options) {
    const value = (options as Record<string, unknown>)[key];
    const type = typeof value;
    if (type === "string" || type === "boolean") continue;
    if (type === "number" && Number.isFinite(value)) continue;
    return false;
  }
  return true;
}

const fixed: Record<Lang, TFunction> = { da: cachingT("da"), en: cachingT("en") };

export function translator(lang: Lang): TFunction {
  return fixed[lang];
}

/** Translates a key if it is one; passes through text that is already a message. */
export function translateMaybe(t: TFunction, keyOrText: string, params?: Record<string, unknown>): string {
  return i18n.exists(keyOrText) ? String(t(keyOrText, params)) : keyOrText;
}

export const isTranslationKey = (text: string): boolean => i18n.exists(text);
