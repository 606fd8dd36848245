import type { Page } from "playwright-core";
import { afterAll, describe, expect, it } from "vitest";
import { checkPage, type Journey, logOut, skipJourneys, visit } from "./browser.ts";
import { journey, useSuite } from "./harness.ts";
import { startProvider, type TestProvider } from "./oidc-provider.ts";
import { freePort, startServer } from "./server.ts";

const label = "Test-IdP";

describe.skipIf(skipJourneys)("journey 6: login through an OpenID Connect provider", () => {
  let provider: TestProvider | undefined;
  // The provider must know almen's address (redirect URI) and almen the provider's (issuer).
  const suite = useSuite(async () => {
    const port = await freePort();
    provider = await startProvider(`http://127.0.0.1:${port}`);
    return startServer(
      {
        OIDC_ISSUER: provider.issuer,
        OIDC_CLIENT_ID: provider.clientId,
        OIDC_CLIENT_SECRET: provider.clientSecret,
        OIDC_LABEL: label,
        OIDC_ALLOW_HTTP: "true",
      },
      { port },
    );
  });
  afterAll(async () => {
    await provider?.stop();
  });

  const onProvider = (page: Page) => new URL(page.url()).port === String(provider!.port);

  /**
   * From almen's /login: the provider's button, then the provider's own login and consent pages
   * (not almen's, so no axe there), back to almen's /home, which is checked. Returns how many
   * times the provider asked for the login name.
   */
  async function logInThroughProvider(j: Journey, login: string): Promise<number> {
    const { page } = j;
    await visit(j, suite.server.url, "/login");
    await Promise.all([
      page.waitForURL((url) => url.port === String(provider!.port)),
      page.getByRole("link", { name: `Log ind med ${label}` }).click(),
    ]);
    let asked = 0;
    for (let step = 0; onProvider(page) && step < 5; step++) {
      await page.waitForLoadState("domcontentloaded");
      const loginField = page.locator('input[name="login"]');
      if (await loginField.count()) {
        asked++;
        await loginField.fill(login);
        await page.locator('input[name="password"]').fill("any password");
      }
      await Promise.all([page.waitForNavigation(), page.locator('button[type="submit"]').first().click()]);
    }
    await page.waitForURL(`${suite.server.url}/home`);
    await checkPage(j);
    return asked;
  }

  async function me(
    page: Page,
  ): Promise<{ id: string; name: string; email: string; roles: { role: string }[] }> {
    const response = await page.request.get(`${suite.server.url}/api/v1/me`);
    expect(response.status()).toBe(200);
    return response.json();
  }

  it("creates a housing-seeker account at first login and finds it again the next time", () =>
    journey(suite, {}, async (j) => {
      const { page, context } = j;
      const { url } = suite.server;
      const anna = provider!.claimsFor("anna");

      expect(await logInThroughProvider(j, "anna")).toBe(1);
      expect(await page.locator("h1").textContent()).toBe(`Hej ${anna.name}`);
      const first = await me(page);
      expect(first).toMatchObject({ name: anna.name, email: anna.email });
      expect(first.roles.map((r) => r.role)).toEqual(["housing_seeker"]);
      await logOut(j, url);

      // Forget the provider's own session too, so that it asks for the login name again.
      await context.clearCookies({ name: /^_(session|interaction)/ });
      expect(await logInThroughProvider(j, "anna")).toBe(1);
      expect(await page.locator("h1").textContent()).toBe(`Hej ${anna.name}`);
      expect((await me(page)).id).toBe(first.id);
      await logOut(j, url);

      // Another person at the provider gets another account.
      await context.clearCookies({ name: /^_(session|interaction)/ });
      expect(await logInThroughProvider(j, "bo")).toBe(1);
      const other = await me(page);
      expect(other.id).not.toBe(first.id);
      expect(other.email).toBe(provider!.claimsFor("bo").email);
      await logOut(j, url);
    }));
});
