import { describe, expect, it } from "vitest";
import { clickAndCheck, type Journey, logOut, pathOf, skipJourneys, submitLogin, visit } from "./browser.ts";
import { byRole } from "./demo.ts";
import { journey, useSuite } from "./harness.ts";

const seeker = byRole("housing_seeker");
const resident = byRole("resident");

const lang = (j: Journey) => j.page.locator("html").getAttribute("lang");
const h1 = (j: Journey) => j.page.locator("h1").textContent();
const switchTo = (j: Journey, name: "English" | "Dansk") =>
  clickAndCheck(j, () => j.page.locator("header").getByRole("button", { name }).click());

describe.skipIf(skipJourneys)("journey 4: switching between Danish and English", () => {
  const suite = useSuite();

  it("keeps the chosen language across pages, for a visitor and for a logged-in user", () =>
    journey(suite, {}, async (j) => {
      const { page } = j;
      const { url } = suite.server;

      // A visitor: English on the front page, then on another page, then back to Danish.
      await visit(j, url, "/");
      expect(await lang(j)).toBe("da");
      await switchTo(j, "English");
      expect(pathOf(page)).toBe("/");
      expect(await lang(j)).toBe("en");
      await clickAndCheck(j, () => page.getByRole("link", { name: "Accessibility statement" }).click());
      expect(pathOf(page)).toBe("/accessibility");
      expect(await lang(j)).toBe("en");
      await switchTo(j, "Dansk");
      expect(pathOf(page)).toBe("/accessibility");
      expect(await lang(j)).toBe("da");

      // A logged-in user: the same on /home and /account.
      await visit(j, url, "/login");
      await submitLogin(j, seeker.email);
      expect(pathOf(page)).toBe("/home");
      await switchTo(j, "English");
      expect(pathOf(page)).toBe("/home");
      expect(await lang(j)).toBe("en");
      expect(await h1(j)).toBe(`Hello ${seeker.name}`);
      await clickAndCheck(j, () =>
        page.getByRole("navigation", { name: "Main menu" }).getByRole("link", { name: "My account" }).click(),
      );
      expect(pathOf(page)).toBe("/account");
      expect(await lang(j)).toBe("en");
      expect(await h1(j)).toBe("My account");
      await switchTo(j, "Dansk");
      expect(pathOf(page)).toBe("/account");
      expect(await lang(j)).toBe("da");
      expect(await h1(j)).toBe("Min konto");
      await visit(j, url, "/home");
      expect(await h1(j)).toBe(`Hej ${seeker.name}`);
      await logOut(j, url);
    }));

  let langAfterLogin: string | null = null;

  it("lets a visitor choose English on the login page and log in", () =>
    journey(suite, {}, async (j) => {
      const { page } = j;
      await visit(j, suite.server.url, "/login");
      await switchTo(j, "English");
      expect(pathOf(page)).toBe("/login");
      expect(await h1(j)).toBe("Log in");
      await submitLogin(j, resident.email);
      expect(pathOf(page)).toBe("/home");
      expect(await h1(j)).toMatch(new RegExp(`^(Hello|Hej) ${resident.name}$`));
      langAfterLogin = await lang(j);
    }));

  // The language chosen on the login page a moment before wins over the one stored on the account.
  it("shows English after that login", () => {
    expect(langAfterLogin).toBe("en");
  });
});
