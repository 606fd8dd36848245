import { existsSync } from "node:fs";
import { AxeBuilder } from "@axe-core/playwright";
import { generate } from "otplib";
import {
  type Browser,
  type BrowserContext,
  chromium,
  type Locator,
  type Page,
  type Response,
} from "playwright-core";
import { expect } from "vitest";
import { demoPassword } from "./demo.ts";

export const chromiumPath = process.env.CHROMIUM_PATH ?? "/usr/bin/chromium";
export const haveChromium = existsSync(chromiumPath);
/** Without Chromium the journeys are skipped locally, but fail on CI (launch throws). */
export const skipJourneys = !haveChromium && !process.env.CI;

export function launchBrowser(): Promise<Browser> {
  return chromium.launch({
    executablePath: chromiumPath,
    args: [
      "--headless",
      "--no-sandbox",
      "--disable-gpu",
      "--disable-quic",
      "--no-first-run",
      "--disable-background-networking",
      "--disable-component-update",
      "--disable-sync",
    ],
  });
}

export interface Journey {
  context: BrowserContext;
  page: Page;
  /** Pages checked with axe so far (for the log). */
  checked: string[];
}

/**
 * A fresh browser context (no cookies) and page. Requests that leave 127.0.0.1 are refused, so a
 * journey never depends on the internet (and stays fast).
 */
export async function openJourney(
  browser: Browser,
  options: { viewport?: { width: number; height: number } } = {},
): Promise<Journey> {
  const context = await browser.newContext({ viewport: options.viewport ?? { width: 1280, height: 900 } });
  context.setDefaultTimeout(15_000);
  context.setDefaultNavigationTimeout(20_000);
  await context.route(
    (url) => url.hostname !== "127.0.0.1",
    (route) => route.abort("blockedbyclient"),
  );
  const page = await context.newPage();
  return { context, page, checked: [] };
}

/**
 * Runs axe on the page and fails with every violation's id, help and targets. When the viewport
 * is phone-sized, also checks that the page does not scroll sideways.
 */
export async function checkPage(journey: Journey): Promise<void> {
  const { page } = journey;
  await page.waitForLoadState("load");
  const where = new URL(page.url()).pathname;
  const t0 = Date.now();
  const results = await new AxeBuilder({ page }).analyze();
  if (process.env.E2E_TIMING) console.log(`axe ${where} ${Date.now() - t0}ms`);
  const lines = results.violations.map(
    (v) =>
      `- ${v.id} (${v.impact ?? "?"}): ${v.help}\n${v.nodes.map((n) => `    ${n.target.join(" ")}  ${n.failureSummary?.replace(/\n/g, " | ") ?? ""}`).join("\n")}`,
  );
  if (lines.length > 0) console.error(`axe violations on ${where}:\n${lines.join("\n")}`);
  expect(lines, `axe violations on ${where}`).toEqual([]);
  const width = page.viewportSize()?.width ?? 0;
  if (width > 0 && width <= 400) {
    const scrollWidth = await page.evaluate(() => document.documentElement.scrollWidth);
    expect(scrollWidth, `horizontal scrolling on ${where} at ${width}px`).toBeLessThanOrEqual(width);
  }
  journey.checked.push(where);
}

/** Goes to a path (relative to the server) and checks the page. */
export async function visit(journey: Journey, base: string, path: string): Promise<Response> {
  const response = await journey.page.goto(new URL(path, base).href);
  expect(response, `no response for ${path}`).not.toBeNull();
  await checkPage(journey);
  return response!;
}

/** Clicks something that navigates, waits for the new page, checks it and returns its response. */
export async function clickAndCheck(journey: Journey, click: () => Promise<void>): Promise<Response | null> {
  const [response] = await Promise.all([journey.page.waitForNavigation({ waitUntil: "load" }), click()]);
  await checkPage(journey);
  return response;
}

export const pathOf = (page: Page): string => new URL(page.url()).pathname;

/** A TOTP code for the secret; `aheadSeconds` gives a later (still accepted) code than the last one. */
export const totpCode = (secret: string, aheadSeconds = 0): Promise<string> =>
  generate({ secret, epoch: Math.floor(Date.now() / 1000) + aheadSeconds });

/** Fills and submits the login form on the current /login page (in either language). */
export async function submitLogin(
  journey: Journey,
  email: string,
  password = demoPassword,
): Promise<Response | null> {
  const { page } = journey;
  await page.locator("#email").fill(email);
  await page.locator("#password").fill(password);
  return clickAndCheck(journey, () => page.locator('form[action="/login"] button[type="submit"]').click());
}

/**
 * On the TOTP enrolment page: reads the secret, confirms with a code, checks the recovery codes
 * page and continues to /home. Returns the secret and the recovery codes.
 */
export async function completeEnrolment(
  journey: Journey,
): Promise<{ secret: string; recoveryCodes: string[] }> {
  const { page } = journey;
  expect(pathOf(page)).toBe("/login/enrol");
  const secret = await page.locator("#totp-secret").getAttribute("data-secret");
  expect(secret).toMatch(/^[A-Z2-7]{16,}$/);
  await page.getByLabel("Kode", { exact: true }).fill(await totpCode(secret!));
  await clickAndCheck(journey, () => page.getByRole("button", { name: "Bekræft og fortsæt" }).click());
  await expect.poll(() => page.locator("h1").textContent()).toBe("Dine gendannelseskoder");
  const recoveryCodes = await page.locator("#recovery-codes li").allTextContents();
  expect(recoveryCodes).toHaveLength(10);
  for (const code of recoveryCodes) expect(code).toMatch(/^[a-z0-9]{5}-[a-z0-9]{5}$/);
  await clickAndCheck(journey, () => page.getByRole("link", { name: /Jeg har gemt koderne/ }).click());
  expect(pathOf(page)).toBe("/home");
  return { secret: secret!, recoveryCodes };
}

/** Clicks "Log ud" in the header and checks that /home then sends the visitor to /login. */
export async function logOut(journey: Journey, base: string, label = "Log ud"): Promise<void> {
  const { page } = journey;
  await clickAndCheck(journey, () => page.locator("header").getByRole("button", { name: label }).click());
  expect(pathOf(page)).toBe("/");
  await visit(journey, base, "/home");
  expect(pathOf(page)).toBe("/login");
  expect(new URL(page.url()).searchParams.get("next")).toBe("/home");
}

/** A table's body rows as { column header: cell text (spaces collapsed) }, whatever order the columns come in. */
export function tableRecords(table: Locator): Promise<Record<string, string>[]> {
  return table.evaluate((el) => {
    const headers = [...el.querySelectorAll("thead th")].map((th) => th.textContent?.trim() ?? "");
    return [...el.querySelectorAll("tbody tr")].map((tr) =>
      Object.fromEntries(
        [...tr.querySelectorAll("th, td")].map((cell, i) => [
          headers[i] ?? String(i),
          cell.textContent?.replace(/\s+/g, " ").trim() ?? "",
        ]),
      ),
    );
  });
}
