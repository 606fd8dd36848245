import type { FastifyPluginAsync } from "fastify";
import type { AppContext } from "../../platform/context.ts";
import { NotFoundError } from "../../platform/errors.ts";
import { actorOf } from "../../platform/http/actor.ts";
import { pageContext, sendPage, setFlash } from "../../platform/http/request-context.ts";
import { parseInput } from "../../platform/validation.ts";
import { contactSchema, ownContact, updateOwnContact } from "./contact.service.ts";
import { ContactPage } from "./views/contact.views.tsx";

/** A person with a login edits their own contact details; nobody else's. */
export function contactRoutes(ctx: AppContext): FastifyPluginAsync {
  return async (app) => {
    const self = { config: { permission: "account.self" } } as const;

    app.get("/account/contact", self, async (request, reply) => {
      const personId = request.user!.personId;
      if (!personId) throw new NotFoundError();
      const p = await ownContact(ctx, personId);
      const values = {
        email: p.email ?? "",
        phone: p.phone ?? "",
        language: p.language as string,
        email_consent: p.has_email_consent as boolean,
        digital_post_exempt: p.is_digital_post_exempt as boolean,
        email_frequency: p.email_frequency as string,
      };
      return sendPage(reply, ContactPage({ ctx: pageContext(request, reply), name: p.name, values }));
    });

    app.post("/account/contact", self, async (request, reply) => {
      const personId = request.user!.personId;
      if (!personId) throw new NotFoundError();
      const body = (request.body ?? {}) as Record<string, string>;
      const input = parseInput(contactSchema, body, request.lang, request.t);
      if (!input.ok) {
        const p = await ownContact(ctx, personId);
        const values = {
          email: body.email ?? "",
          phone: body.phone ?? "",
          language: body.language ?? "da",
          email_consent: body.email_consent === "ja",
          digital_post_exempt: body.digital_post_exempt === "ja",
          email_frequency: body.email_frequency ?? "immediate",
        };
        return sendPage(
          reply,
          ContactPage({ ctx: pageContext(request, reply), name: p.name, values, errors: input.errors }),
          400,
        );
      }
      const changed = await updateOwnContact(ctx, actorOf(request), personId, input.data);
      setFlash(request, request.t(changed ? "masterdata.saved" : "masterdata.unchanged"));
      return reply.redirect("/account/contact", 303);
    });
  };
}
