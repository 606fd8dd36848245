import { mkdir, mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { generate } from "otplib";
import type { Browser, Locator, Page } from "playwright-core";
import { expect } from "vitest";
import { checkPage, type Journey, launchBrowser, openJourney, pathOf } from "./browser.ts";
import { demoPassword } from "./demo.ts";
import { type RunningServer, startServer } from "./server.ts";

/**
 * The democracy journey's time machine: one data folder, one almen process per phase, each
 * started with ALMEN_CLOCK_START at the phase's instant (the clock then runs on). Staff log in with
 * TOTP codes for the server's clock, which is not the machine's.
 */
export class Timeline {
  browser!: Browser;
  dataDir = "";
  private server: RunningServer | undefined;
  private clockStart = 0;
  private spawnedAt = 0;
  /** TOTP secrets of the staff who enrolled, and the last time step each used. */
  private readonly secrets = new Map<string, string>();
  private readonly lastStep = new Map<string, number>();
  private readonly checkedLoginPages = new Set<string>();

  async open(): Promise<void> {
    this.dataDir = await mkdtemp(path.join(tmpdir(), "almen-e2e-democracy-"));
    this.browser = await launchBrowser();
  }

  async close(): Promise<void> {
    await this.browser?.close();
    await this.server?.stop();
    if (this.dataDir) await rm(this.dataDir, { recursive: true, force: true });
  }

  get url(): string {
    if (!this.server) throw new Error("no phase started");
    return this.server.url;
  }

  /** Stops the running almen and starts it again on the same data with "now" at `instant`. */
  async phase(instant: string): Promise<void> {
    await this.server?.stop();
    this.server = undefined;
    this.clockStart = Date.parse(instant);
    // Taken before the process starts: the server's clock starts a moment later, so this estimate
    // of its "now" runs a second or two ahead at most (TOTP accepts ±30 s).
    this.spawnedAt = Date.now();
    this.server = await startServer({ ALMEN_CLOCK_START: instant }, { dataDir: this.dataDir });
    if (process.env.E2E_TIMING)
      console.log(`phase ${instant}: almen ready in ${Date.now() - this.spawnedAt}ms`);
  }

  /** The server's "now" in milliseconds (estimated; see `phase`). */
  serverNow(): number {
    return this.clockStart + (Date.now() - this.spawnedAt);
  }

  /** A TOTP code for the server's clock, a later time step than the last one this login used. */
  private async code(email: string): Promise<string> {
    const secret = this.secrets.get(email)!;
    let step = Math.floor(this.serverNow() / 1000 / 30);
    const last = this.lastStep.get(email);
    if (last !== undefined && step <= last) step = last + 1;
    this.lastStep.set(email, step);
    return generate({ secret, epoch: step * 30 + 15 });
  }

  /**
   * Runs `body` as `email` in a fresh browser context (phone-sized when `phone`), logged in from
   * /login: residents and board members with the password, staff with a second factor (enrolled at
   * their first login). On failure, almen's output is printed.
   */
  async as<T>(email: string, options: { phone?: boolean }, body: (j: Journey) => Promise<T>): Promise<T> {
    const j = await openJourney(this.browser, options.phone ? { viewport: { width: 360, height: 780 } } : {});
    const t0 = Date.now();
    try {
      await this.logIn(j, email);
      if (process.env.E2E_TIMING) console.log(`login ${email} ${Date.now() - t0}ms`);
      return await body(j);
    } catch (error) {
      console.error(`almen output:\n${this.server?.output()}`);
      throw error;
    } finally {
      await j.context.close();
      if (process.env.E2E_TIMING) console.log(`session ${email} ${Date.now() - t0}ms`);
    }
  }

  /**
   * Logs in from /login. The login pages (and each user's /home) are checked with axe the first
   * time they are seen in the journey; after that the journey only passes through them.
   */
  private async logIn(j: Journey, email: string): Promise<void> {
    const { page } = j;
    const check = async (key = pathOf(page)) => {
      if (this.checkedLoginPages.has(key)) return;
      this.checkedLoginPages.add(key);
      await checkPage(j);
    };
    const submit = async (click: () => Promise<void>) => {
      await Promise.all([page.waitForNavigation({ waitUntil: "load" }), click()]);
      await check();
    };
    await page.goto(new URL("/login", this.url).href);
    await check();
    await page.locator("#email").fill(email);
    await page.locator("#password").fill(demoPassword);
    await submit(() => page.locator('form[action="/login"] button[type="submit"]').click());
    const code = page.getByLabel("Kode", { exact: true });
    if (pathOf(page) === "/login/enrol") {
      const secret = await page.locator("#totp-secret").getAttribute("data-secret");
      expect(secret).toMatch(/^[A-Z2-7]{16,}$/);
      this.secrets.set(email, secret!);
      await code.fill(await this.code(email));
      await submit(() => page.getByRole("button", { name: "Bekræft og fortsæt" }).click());
      expect(await page.locator("h1").textContent()).toBe("Dine gendannelseskoder");
      await submit(() => page.getByRole("link", { name: /Jeg har gemt koderne/ }).click());
    } else if (pathOf(page) === "/login/second-factor") {
      await code.fill(await this.code(email));
      await submit(() => page.getByRole("button", { name: "Bekræft", exact: true }).click());
    }
    expect(pathOf(page)).toBe("/home");
    await check(`/home ${email}`);
  }
}

/** The rendered text of what the locator finds (line breaks between blocks), whitespace collapsed. */
export async function textOf(locator: Locator): Promise<string> {
  return (await locator.allInnerTexts()).join(" ").replace(/\s+/g, " ");
}

/** The rendered text of the page's main element. */
export const mainText = (page: Page): Promise<string> => textOf(page.locator("main"));

/** The flash message (role=status) shown after a step. */
export async function flash(page: Page): Promise<string> {
  return ((await page.getByRole("status").first().textContent()) ?? "").replace(/\s+/g, " ").trim();
}

/** The error summary's text. */
export async function errorSummary(page: Page): Promise<string> {
  return ((await page.locator("#error-summary").textContent()) ?? "").replace(/\s+/g, " ").trim();
}

export const shotsDir = "/tmp/democracy-shots";

/** A screenshot of the part that matters (or the viewport), for a person to look at. */
export async function screenshot(page: Page, name: string, part?: Locator): Promise<void> {
  await mkdir(shotsDir, { recursive: true });
  const file = path.join(shotsDir, `${name}.png`);
  await (part ? part.screenshot({ path: file }) : page.screenshot({ path: file }));
}
