import type { FastifyPluginAsync, FastifyReply, FastifyRequest } from "fastify";
import { z } from "zod";
import type { AppContext } from "../../../platform/context.ts";
import { AppError } from "../../../platform/errors.ts";
import { actorOf } from "../../../platform/http/actor.ts";
import { formErrors, pageContext, sendPage, setFlash } from "../../../platform/http/request-context.ts";
import { parseInput } from "../../../platform/validation.ts";
import { signUp } from "../lists.service.ts";
import { signUpChoices } from "./seeker.repository.ts";
import { type SignUpInput, type SignUpValues, signUpSchema, signUpValues } from "./seeker.schemas.ts";
import { ensureSeekerPerson, myWaitingLists, reactivateOwn } from "./seeker.service.ts";
import { WaitingListsPage } from "./seeker.views.tsx";
import { SignUpPage } from "./sign-up.views.tsx";

const idParam = z.object({ id: z.string().max(64) });

/** The service's props from the checked form. */
export const signUpProps = (personId: string, input: SignUpInput) => ({
  personId,
  organisationId: input.organisation_id,
  listKind: input.list_kind,
  departmentIds: input.departments,
  birthDate: input.birth_date ?? null,
  roomsMin: input.rooms_min,
  roomsMax: input.rooms_max,
  maxRentOre: input.max_rent === null ? null : input.max_rent * 100,
  kinds: input.kinds,
  features: input.features,
  householdSize: input.household_size,
  hasChildren: input.has_children,
});

/** The housing seeker's pages: "Mine ventelister", sign-up and reactivation. */
export function seekerRoutes(ctx: AppContext): FastifyPluginAsync {
  return async (app) => {
    const apply = { config: { permission: "letting.apply" } } as const;

    const needsBirthDate = async (personId: string | null) => {
      if (!personId) return true;
      const p = await ctx.db
        .selectFrom("people")
        .select("birth_date")
        .where("id", "=", personId)
        .executeTakeFirst();
      return !p?.birth_date;
    };

    const form = async (
      request: FastifyRequest,
      reply: FastifyReply,
      values: SignUpValues,
      errors?: Record<string, string>,
    ) => {
      const choices = await signUpChoices(ctx.db);
      if (!values.organisation_id && choices.length === 1) values.organisation_id = choices[0]!.id;
      return sendPage(
        reply,
        SignUpPage({
          ctx: pageContext(request, reply),
          choices,
          values,
          askBirthDate: await needsBirthDate(request.user!.personId),
          errors,
        }),
        errors ? 400 : 200,
      );
    };

    app.get("/waiting-lists", apply, async (request, reply) => {
      const personId = request.user!.personId;
      const applications = personId ? await myWaitingLists(ctx, personId, request.lang) : [];
      return sendPage(reply, WaitingListsPage({ ctx: pageContext(request, reply), applications }));
    });

    app.post("/waiting-lists/:id/reactivate", apply, async (request, reply) => {
      const { id } = idParam.parse(request.params);
      await reactivateOwn(ctx, actorOf(request), request.user!.personId, id);
      setFlash(request, request.t("letting.seeker.reactivated"));
      return reply.redirect("/waiting-lists", 303);
    });

    app.get("/waiting-lists/sign-up", apply, async (request, reply) => {
      const organisation = z
        .string()
        .max(64)
        .catch("")
        .parse((request.query as { organisation?: unknown }).organisation);
      return form(request, reply, signUpValues({ organisation_id: organisation }));
    });

    app.post("/waiting-lists/sign-up", apply, async (request, reply) => {
      const values = signUpValues((request.body ?? {}) as Record<string, unknown>);
      const input = parseInput(signUpSchema, values, request.lang, request.t);
      if (!input.ok) return form(request, reply, values, input.errors);
      const choices = await signUpChoices(ctx.db);
      if (!choices.some((c) => c.id === input.data.organisation_id)) {
        return form(request, reply, values, {
          organisation_id: request.t("letting.seeker.errors.organisation"),
        });
      }
      const actor = actorOf(request);
      try {
        const personId = await ensureSeekerPerson(ctx, actor, request.user!, input.data.organisation_id);
        await signUp(ctx, actor, signUpProps(personId, input.data));
      } catch (e) {
        if (e instanceof AppError && (e.code === "validation" || e.code === "conflict")) {
          return form(request, reply, values, formErrors(request, e));
        }
        throw e;
      }
      setFlash(request, request.t("letting.seeker.sign_up.done"));
      return reply.redirect("/waiting-lists", 303);
    });
  };
}
