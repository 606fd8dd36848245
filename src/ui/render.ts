import type { VNode } from "preact";
import { renderToString } from "preact-render-to-string";

/** Renders a whole page; Preact escapes every value, so personal data cannot inject markup. */
export const renderPage = (page: VNode): string => `<!doctype html>${renderToString(page)}`;
