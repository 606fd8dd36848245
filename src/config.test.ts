import { mkdtempSync, readFileSync, rmSync, statSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { describe, expect, it, onTestFinished } from "vitest";
import { ConfigError, loadConfig } from "./config.ts";
import { startedClock } from "./platform/clock.ts";

describe("configuration", () => {
  it("generates secrets into the data folder once in embedded mode, and says so", () => {
    const dir = mkdtempSync(path.join(tmpdir(), "almen-config-"));
    onTestFinished(() => rmSync(dir, { recursive: true, force: true }));
    const said: string[] = [];
    const first = loadConfig({ ALMEN_DATA_DIR: dir }, (m) => said.push(m));
    expect(said).toHaveLength(1);
    expect(said[0]).toContain("secrets.json");
    expect(first.sessionSecret).toHaveLength(64);
    expect(first.dataKey).toHaveLength(32);
    expect(statSync(path.join(dir, "secrets.json")).mode & 0o777).toBe(0o600);
    const second = loadConfig({ ALMEN_DATA_DIR: dir }, (m) => said.push(m));
    expect(said).toHaveLength(1);
    expect(second.sessionSecret).toBe(first.sessionSecret);
    expect(JSON.parse(readFileSync(path.join(dir, "secrets.json"), "utf8")).dataKey).toBe(
      first.dataKey.toString("hex"),
    );
    expect(first.database).toEqual({ kind: "sqlite", file: path.join(dir, "almen.sqlite") });
    expect(first.seedDemo).toBe(true);
  });

  it("refuses to start in production without the secrets, naming what is missing", () => {
    expect(() => loadConfig({ ALMEN_MODE: "production" }, () => {})).toThrow(ConfigError);
    try {
      loadConfig({ ALMEN_MODE: "production", PUBLIC_URL: "https://almen.example.dk" }, () => {});
    } catch (e) {
      expect((e as Error).message).toContain("ALMEN_SESSION_SECRET");
      expect((e as Error).message).toContain("ALMEN_DATA_KEY");
      expect((e as Error).message).toContain("SMTP_URL");
    }
    const ok = loadConfig(
      {
        ALMEN_MODE: "production",
        PUBLIC_URL: "https://almen.example.dk",
        ALMEN_SESSION_SECRET: "x".repeat(40),
        ALMEN_DATA_KEY: "ab".repeat(32),
        SMTP_URL: "smtp://mail.example.dk:587",
        DATABASE_URL: "postgres://u@db/almen",
      },
      () => {},
    );
    expect(ok.secureCookies).toBe(true);
    expect(ok.seedDemo).toBe(false);
    expect(ok.database).toEqual({ kind: "postgres", url: "postgres://u@db/almen" });
  });

  it("starts the clock at ALMEN_CLOCK_START in embedded mode only", () => {
    const dir = mkdtempSync(path.join(tmpdir(), "almen-config-"));
    onTestFinished(() => rmSync(dir, { recursive: true, force: true }));
    const config = loadConfig({ ALMEN_DATA_DIR: dir, ALMEN_CLOCK_START: "2027-03-28T00:30:00Z" }, () => {});
    expect(config.clockStart?.toISOString()).toBe("2027-03-28T00:30:00.000Z");
    const clock = startedClock(config.clockStart!);
    const now = clock.now().getTime();
    expect(now).toBeGreaterThanOrEqual(Date.parse("2027-03-28T00:30:00Z"));
    expect(now).toBeLessThan(Date.parse("2027-03-28T00:31:00Z"));
    expect(() =>
      loadConfig(
        {
          ALMEN_MODE: "production",
          PUBLIC_URL: "https://almen.example.dk",
          ALMEN_SESSION_SECRET: "x".repeat(40),
          ALMEN_DATA_KEY: "ab".repeat(32),
          SMTP_URL: "smtp://mail.example.dk:587",
          ALMEN_CLOCK_START: "2027-03-28T00:30:00Z",
        },
        () => {},
      ),
    ).toThrow(/embedded mode only/);
  });

  it("explains invalid values", () => {
    expect(() => loadConfig({ PORT: "seventy", ALMEN_DATA_KEY: "short" }, () => {})).toThrow(
      /PORT[\s\S]*ALMEN_DATA_KEY/,
    );
  });
});
