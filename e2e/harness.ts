import type { Browser } from "playwright-core";
import { afterAll, beforeAll } from "vitest";
import { type Journey, launchBrowser, openJourney } from "./browser.ts";
import { type RunningServer, startServer } from "./server.ts";

export interface Suite {
  server: RunningServer;
  browser: Browser;
}

/**
 * One almen process (fresh data folder) and one Chromium for a test file; both are stopped after
 * it, also when only one of them started.
 */
export function useSuite(start: () => Promise<RunningServer> = () => startServer()): Suite {
  const suite = {} as Suite;
  beforeAll(async () => {
    const [server, browser] = await Promise.allSettled([start(), launchBrowser()]);
    if (server.status === "fulfilled") suite.server = server.value;
    if (browser.status === "fulfilled") suite.browser = browser.value;
    if (server.status === "rejected") throw server.reason;
    if (browser.status === "rejected") throw browser.reason;
  });
  afterAll(async () => {
    await suite.browser?.close();
    await suite.server?.stop();
  });
  return suite;
}

/** Runs a journey in a fresh browser context; on failure, prints almen's output too. */
export async function journey(
  suite: Suite,
  options: Parameters<typeof openJourney>[1],
  body: (journey: Journey) => Promise<void>,
): Promise<void> {
  const j = await openJourney(suite.browser, options);
  try {
    await body(j);
  } catch (error) {
    console.error(`almen output:\n${suite.server.output()}`);
    throw error;
  } finally {
    await j.context.close();
  }
}
