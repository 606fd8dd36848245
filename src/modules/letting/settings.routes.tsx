import type { FastifyPluginAsync, FastifyReply, FastifyRequest } from "fastify";
import type { TFunction } from "i18next";
import type { AppContext } from "../../platform/context.ts";
import { NotFoundError } from "../../platform/errors.ts";
import { actorOf } from "../../platform/http/actor.ts";
import { pageContext, sendPage, setFlash } from "../../platform/http/request-context.ts";
import {
  afterLeaseOptions,
  boundsOf,
  departmentSettings,
  type FormState,
  fieldKinds,
  kronerText,
  organisationSettings,
  type SettingKey,
  saveDepartmentOverrides,
  saveOrganisationSettings,
  settingKeys,
  settingsOrganisations,
  toFormState,
} from "./settings.service.ts";
import { flexibleCriteria, type LettingSettings, lettingSettingsSchema } from "./settings.ts";
import { DepartmentSettingsPage, OrganisationSettingsPage } from "./settings.views.tsx";

type Body = Record<string, unknown>;
const text = (v: unknown) => (typeof v === "string" ? v.trim() : "");
const list = (v: unknown) => (Array.isArray(v) ? v.map(String) : typeof v === "string" ? [v] : []);

/** Kroner as people type them ("300", "300,00", "1.300,50", "300.00") → øre; null if not an amount. */
export function parseKroner(input: string): number | null {
  const s = input.replace(/\s|kr\.?$/gi, "");
  let m = /^(\d{1,3}(?:\.\d{3})+|\d+)(?:,(\d{1,2}))?$/.exec(s);
  if (!m) m = /^(\d+)\.(\d{1,2})$/.exec(s);
  if (!m) return null;
  const whole = Number(m[1]!.replaceAll(".", ""));
  return whole * 100 + Number((m[2] ?? "0").padEnd(2, "0"));
}

/** One submitted rule value → its value, or a message already in the user's language. */
function parseField(key: SettingKey, raw: unknown, t: TFunction): { value?: unknown; error?: string } {
  const kind = fieldKinds[key];
  let value: unknown;
  if (kind === "int") {
    const b = boundsOf(key);
    const s = text(raw);
    if (!/^-?\d+$/.test(s) || Number(s) < b.min || Number(s) > b.max)
      return { error: t("letting.settings.errors.range", b) };
    value = Number(s);
  } else if (kind === "money") {
    const b = boundsOf(key);
    const ore = parseKroner(text(raw));
    if (ore === null) return { error: t("letting.settings.errors.money") };
    if (ore < b.min || ore > b.max)
      return {
        error: t("letting.settings.errors.money_range", { min: kronerText(b.min), max: kronerText(b.max) }),
      };
    value = ore;
  } else if (kind === "bool") value = raw === "ja";
  else if (kind === "enum") {
    value = afterLeaseOptions.find((o) => o === raw);
    // Left out, the schema would quietly take the default.
    if (value === undefined) return { error: t("letting.settings.errors.choice") };
  } else value = list(raw).filter((c, i, all) => all.indexOf(c) === i);
  if (
    kind === "multi" &&
    (value as string[]).some((c) => !flexibleCriteria.includes(c as (typeof flexibleCriteria)[number]))
  )
    return { error: t("letting.settings.errors.choice") };
  // The schema has the last word (the enum, and anything the checks above let through).
  const parsed = lettingSettingsSchema.shape[key].safeParse(value);
  return parsed.success ? { value: parsed.data } : { error: t("letting.settings.errors.choice") };
}

/** Parses the submitted fields of `keys`; the values as typed go back to the form on an error. */
function parseForm(body: Body, keys: SettingKey[], t: TFunction) {
  const values: FormState = {};
  const data: Record<string, unknown> = {};
  const errors: Record<string, string> = {};
  for (const key of settingKeys) {
    const raw = body[key];
    values[key] = fieldKinds[key] === "multi" ? list(raw) : text(raw);
    if (fieldKinds[key] === "bool") values[key] = raw === "ja" ? "ja" : "";
    if (!keys.includes(key)) continue;
    const result = parseField(key, raw, t);
    if (result.error) errors[key] = result.error;
    else data[key] = result.value;
  }
  return { values, data, errors };
}

/** The rules page of each organisation, and each department's own values on top. */
export function lettingSettingsRoutes(ctx: AppContext): FastifyPluginAsync {
  return async (app) => {
    const settings = { config: { permission: "letting.settings" } } as const;

    const orgPage = async (
      request: FastifyRequest,
      reply: FastifyReply,
      organisationId: string | undefined,
      form?: { values: FormState; errors: Record<string, string> },
    ) => {
      const organisations = await settingsOrganisations(ctx.db, request.principal!);
      const organisation = organisations.find((o) => o.id === organisationId) ?? organisations[0];
      if (!organisation || (organisationId && organisation.id !== organisationId)) throw new NotFoundError();
      const view = await organisationSettings(ctx.db, request.principal!, organisation.id);
      return sendPage(
        reply,
        OrganisationSettingsPage({
          ctx: pageContext(request, reply),
          organisations,
          view,
          values: form?.values ?? toFormState(view.effective),
          errors: form?.errors,
        }),
        form ? 400 : 200,
      );
    };

    app.get("/letting/settings", settings, async (request, reply) => {
      const wanted = (request.query as { organisation?: string }).organisation;
      return orgPage(request, reply, typeof wanted === "string" && wanted ? wanted : undefined);
    });

    app.post("/letting/settings", settings, async (request, reply) => {
      const body = (request.body ?? {}) as Body;
      const organisationId = text(body.organisation_id);
      if (!organisationId) throw new NotFoundError();
      const form = parseForm(body, settingKeys, request.t);
      if (Object.keys(form.errors).length) return orgPage(request, reply, organisationId, form);
      const values = lettingSettingsSchema.parse(form.data);
      await saveOrganisationSettings(ctx, actorOf(request), request.principal!, organisationId, values);
      setFlash(request, request.t("letting.settings.saved"));
      return reply.redirect(`/letting/settings?organisation=${encodeURIComponent(organisationId)}`, 303);
    });

    const deptPage = async (
      request: FastifyRequest,
      reply: FastifyReply,
      form?: { modes: Record<string, string>; values: FormState; errors: Record<string, string> },
    ) => {
      const id = (request.params as { id: string }).id;
      const view = await departmentSettings(ctx.db, request.principal!, id);
      const modes = Object.fromEntries(
        settingKeys.map((k) => [k, view.overrides[k] !== undefined ? "own" : "inherit"]),
      );
      return sendPage(
        reply,
        DepartmentSettingsPage({
          ctx: pageContext(request, reply),
          view,
          modes: form?.modes ?? modes,
          values: form?.values ?? toFormState(view.effective),
          errors: form?.errors,
        }),
        form ? 400 : 200,
      );
    };

    app.get("/letting/settings/departments/:id", settings, async (request, reply) =>
      deptPage(request, reply),
    );

    app.post("/letting/settings/departments/:id", settings, async (request, reply) => {
      const id = (request.params as { id: string }).id;
      // Access first: a department out of reach is "not found" before anything is parsed.
      await departmentSettings(ctx.db, request.principal!, id);
      const body = (request.body ?? {}) as Body;
      const modes: Record<string, string> = {};
      const modeErrors: Record<string, string> = {};
      for (const key of settingKeys) {
        const mode = body[`mode_${key}`];
        if (mode === "own" || mode === "inherit") modes[key] = mode;
        else modeErrors[`mode_${key}`] = request.t("letting.settings.errors.mode");
      }
      const own = settingKeys.filter((k) => modes[k] === "own");
      const form = parseForm(body, own, request.t);
      const errors = { ...modeErrors, ...form.errors };
      if (Object.keys(errors).length) return deptPage(request, reply, { modes, values: form.values, errors });
      const overrides = form.data as Partial<LettingSettings>;
      await saveDepartmentOverrides(ctx, actorOf(request), request.principal!, id, overrides);
      setFlash(request, request.t("letting.settings.saved_department"));
      return reply.redirect(`/letting/settings/departments/${encodeURIComponent(id)}`, 303);
    });
  };
}
