import type { FastifyPluginAsync } from "fastify";
import type { ZodTypeProvider } from "fastify-type-provider-zod";
import { z } from "zod";
import type { AppContext } from "../../../platform/context.ts";
import { NotFoundError } from "../../../platform/errors.ts";
import { actorOf } from "../../../platform/http/actor.ts";
import {
  departmentSettings,
  organisationSettings,
  saveDepartmentOverrides,
  saveOrganisationSettings,
  settingKeys,
  settingsOrganisations,
} from "../settings.service.ts";
import { type LettingSettings, lettingSettingsSchema } from "../settings.ts";
import { apiErrors } from "./public.schemas.ts";

const tags = ["letting"];

/** Only the keys given, without defaults: what a department overrides. */
const overridesSchema = z.object(
  Object.fromEntries(settingKeys.map((k) => [k, lettingSettingsSchema.shape[k].unwrap().optional()])),
) as unknown as z.ZodType<Partial<LettingSettings>>;

const organisationJson = z.object({
  organisationId: z.string(),
  stored: overridesSchema.describe("The values the organisation has set"),
  effective: lettingSettingsSchema.describe("The values in force: stored values, defaults for the rest"),
});
const departmentJson = z.object({
  departmentId: z.string(),
  organisationId: z.string(),
  overrides: overridesSchema.describe("Only the values the department sets itself"),
  effective: lettingSettingsSchema.describe("The organisation's values with the department's on top"),
});

/** The letting rules for integrators: the same services, checks and audit as the pages. */
export function settingsApiRoutes(ctx: AppContext): FastifyPluginAsync {
  return async (base) => {
    const app = base.withTypeProvider<ZodTypeProvider>();
    const settings = { permission: "letting.settings" } as const;

    const orgJson = async (principal: Parameters<typeof organisationSettings>[1], organisationId: string) => {
      const view = await organisationSettings(ctx.db, principal, organisationId);
      return { organisationId, stored: view.stored, effective: view.effective };
    };
    const deptJson = async (principal: Parameters<typeof departmentSettings>[1], id: string) => {
      const view = await departmentSettings(ctx.db, principal, id);
      return {
        departmentId: id,
        organisationId: view.department.organisationId,
        overrides: view.overrides,
        effective: view.effective,
      };
    };

    app.get(
      "/letting/settings",
      {
        config: settings,
        schema: {
          tags,
          summary: "An organisation's letting rules (the first one you administer when none is given)",
          querystring: z.object({ organisationId: z.string().max(64).optional() }),
          response: { 200: organisationJson, ...apiErrors },
        },
      },
      async (request) => {
        let id = request.query.organisationId;
        if (!id) id = (await settingsOrganisations(ctx.db, request.principal!))[0]?.id;
        if (!id) throw new NotFoundError();
        return orgJson(request.principal!, id);
      },
    );

    app.put(
      "/letting/settings",
      {
        config: settings,
        schema: {
          tags,
          summary: "Replace an organisation's letting rules (values left out take the default); audited",
          body: z.object({ organisationId: z.string().max(64), settings: lettingSettingsSchema }),
          response: { 200: organisationJson, ...apiErrors },
        },
      },
      async (request) => {
        const { organisationId, settings: values } = request.body;
        await saveOrganisationSettings(ctx, actorOf(request), request.principal!, organisationId, values);
        return orgJson(request.principal!, organisationId);
      },
    );

    app.get(
      "/letting/settings/departments/:id",
      {
        config: settings,
        schema: {
          tags,
          summary: "A department's own letting rule values and the values in force there",
          params: z.object({ id: z.string().max(64) }),
          response: { 200: departmentJson, ...apiErrors },
        },
      },
      async (request) => deptJson(request.principal!, request.params.id),
    );

    app.put(
      "/letting/settings/departments/:id",
      {
        config: settings,
        schema: {
          tags,
          summary:
            "Replace a department's own values: only the keys given are stored, the rest follow the organisation",
          params: z.object({ id: z.string().max(64) }),
          body: z.object({ overrides: overridesSchema }),
          response: { 200: departmentJson, ...apiErrors },
        },
      },
      async (request) => {
        const { id } = request.params;
        await saveDepartmentOverrides(ctx, actorOf(request), request.principal!, id, request.body.overrides);
        return deptJson(request.principal!, id);
      },
    );
  };
}
