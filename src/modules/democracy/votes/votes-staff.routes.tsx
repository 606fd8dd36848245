import type { FastifyPluginAsync, FastifyReply, FastifyRequest } from "fastify";
import { z } from "zod";
import { reachOf } from "../../../platform/access.ts";
import type { AppContext } from "../../../platform/context.ts";
import { AppError, statusOf } from "../../../platform/errors.ts";
import { actorOf } from "../../../platform/http/actor.ts";
import { formErrors, pageContext, sendPage, setFlash } from "../../../platform/http/request-context.ts";
import { withinReach } from "../../../platform/reach-sql.ts";
import type { FormValues } from "../../../ui/components.tsx";
import { floorAndDoor } from "../../masterdata/index.ts";
import { inLanguage } from "../meetings/explain.ts";
import { registerPaperBallot } from "./cast.service.ts";
import { closeVote, openVote } from "./lifecycle.service.ts";
import { toResultsView, toVoteView } from "./presenters.ts";
import { resultsOf, turnout, verifyRoll } from "./results.service.ts";
import { rollWithMarks } from "./roll.repository.ts";
import { copenhagenTime } from "./staff-form.ts";
import type { VoteRow } from "./votes.repository.ts";
import { createVoteAsStaff, listVotes, managedVote } from "./votes.service.ts";
import { type Choice, choices, type VoteKind } from "./votes.table.ts";
import { ReceiptPage } from "./votes.views.tsx";
import { NewVotePage, type RollLine, StaffVotePage, StaffVotesPage } from "./votes-staff.views.tsx";

const idParam = z.object({ id: z.string().max(64) });
const body = (request: FastifyRequest) => (request.body ?? {}) as Record<string, unknown>;
const text = (v: unknown) => (typeof v === "string" ? v.trim() : "");

/** ", 3. tv" after the house number, or nothing. */
const homeSuffix = (floor: string | null, door: string | null) => {
  const fd = floorAndDoor(floor, door);
  return fd ? `, ${fd}` : "";
};

/** The service's field names → the form's. */
const formField: Record<string, string> = {
  departmentId: "department",
  opensAt: "opens_date",
  closesAt: "closes_date",
};

/** Staff: create votes, open and close them, register paper ballots, see the roll and who voted. */
export function votesStaffRoutes(ctx: AppContext): FastifyPluginAsync {
  return async (app) => {
    const manage = { config: { permission: "votes.manage" } } as const;

    app.get("/votes/manage", manage, async (request, reply) => {
      const rows = await listVotes(ctx, reachOf(request.principal!, "votes.manage"));
      return sendPage(
        reply,
        StaffVotesPage({ ctx: pageContext(request, reply), votes: rows.map(toVoteView) }),
      );
    });

    const newPage = async (
      request: FastifyRequest,
      reply: FastifyReply,
      values: FormValues = {},
      errors = {},
      status = 200,
    ) => {
      const departments = await ctx.db
        .selectFrom("departments")
        .select(["id", "number", "name"])
        .where(withinReach(reachOf(request.principal!, "votes.manage"), "organisation_id", "id"))
        .orderBy("number")
        .execute();
      return sendPage(
        reply,
        NewVotePage({
          ctx: pageContext(request, reply),
          departments: departments.map((d) => ({ value: d.id, label: `${d.number} ${d.name}` })),
          values: { kind: "ballot", opens_time: "08:00", closes_time: "20:00", ...values },
          errors,
        }),
        status,
      );
    };
    app.get("/votes/manage/new", manage, (request, reply) => newPage(request, reply));

    app.post("/votes/manage", manage, async (request, reply) => {
      const b = body(request);
      const keys = [
        "department",
        "title",
        "question",
        "kind",
        "opens_date",
        "opens_time",
        "closes_date",
        "closes_time",
      ];
      const values: FormValues = Object.fromEntries(keys.map((k) => [k, text(b[k])]));
      const errors: Record<string, string> = {};
      const opensAt = copenhagenTime(values.opens_date!, values.opens_time!, "opens", errors);
      const closesAt = copenhagenTime(values.closes_date!, values.closes_time!, "closes", errors);
      if (Object.keys(errors).length) return newPage(request, reply, values, errors, 400);
      try {
        const { id } = await createVoteAsStaff(ctx, actorOf(request), request.principal!, {
          departmentId: values.department!,
          title: values.title!,
          question: values.question!,
          kind: values.kind as VoteKind,
          opensAt: opensAt!,
          closesAt: closesAt!,
        });
        setFlash(request, request.t("votes.staff.created"));
        return reply.redirect(`/votes/manage/${id}`, 303);
      } catch (e) {
        // A conflict: a ballot on a proposal balloted since the last ordinary meeting (ballot-rule.ts).
        if (!(e instanceof AppError) || (e.code !== "validation" && e.code !== "conflict")) throw e;
        const local = inLanguage(e, request.lang) as AppError;
        const fields = Object.fromEntries(
          Object.entries(formErrors(request, local)).map(([k, v]) => [formField[k] ?? k, v]),
        );
        return newPage(request, reply, values, fields, statusOf[e.code]);
      }
    });

    const staffPage = async (
      request: FastifyRequest,
      reply: FastifyReply,
      v: VoteRow,
      extra: { values?: FormValues; errors?: Record<string, string> } = {},
      status = 200,
    ) => {
      const [count, roll, results, lines] = await Promise.all([
        v.status === "open" ? turnout(ctx.db, v.id) : null,
        verifyRoll(ctx.db, v),
        v.status === "closed" ? resultsOf(ctx.db, v) : null,
        rollWithMarks(ctx.db, v.id),
      ]);
      const rollLines: RollLine[] = lines.map((r) => ({
        address: r.street
          ? `${r.unit_number} · ${r.street} ${r.house_number}${homeSuffix(r.floor, r.door)}`
          : "–",
        name: r.name ?? "–",
        personId: r.person_id,
        seq: r.seq,
        voted: r.channel,
      }));
      return sendPage(
        reply,
        StaffVotePage({
          ctx: pageContext(request, reply),
          vote: toVoteView(v),
          turnout: count,
          rollMatches: roll?.matches ?? null,
          results: results && toResultsView(results),
          roll: rollLines,
          ...extra,
        }),
        status,
      );
    };

    app.get("/votes/manage/:id", manage, async (request, reply) => {
      const { id } = idParam.parse(request.params);
      return staffPage(request, reply, await managedVote(ctx, request.principal!, id));
    });

    const command = (path: string, run: (id: string, request: FastifyRequest) => Promise<string>) =>
      app.post(path, manage, async (request, reply) => {
        const { id } = idParam.parse(request.params);
        await managedVote(ctx, request.principal!, id);
        try {
          setFlash(request, await run(id, request));
        } catch (e) {
          if (!(e instanceof AppError) || e.code === "not_found") throw e;
          setFlash(request, request.t(e.messageKey));
        }
        return reply.redirect(`/votes/manage/${id}`, 303);
      });
    command("/votes/manage/:id/open", async (id, request) => {
      await openVote(ctx, actorOf(request), id);
      return request.t("votes.staff.opened");
    });
    command("/votes/manage/:id/close", async (id, request) => {
      await closeVote(ctx, actorOf(request), id);
      return request.t("votes.staff.closed");
    });

    app.post("/votes/manage/:id/paper", manage, async (request, reply) => {
      const { id } = idParam.parse(request.params);
      const v = await managedVote(ctx, request.principal!, id);
      const b = body(request);
      const values = { person: text(b.person), choice: text(b.choice) };
      const errors: Record<string, string> = {};
      if (!values.person) errors.person = "votes.errors.person";
      if (!choices.includes(values.choice as Choice)) errors.choice = "votes.errors.choice";
      if (Object.keys(errors).length) return staffPage(request, reply, v, { values, errors }, 400);
      try {
        const { receipts } = await registerPaperBallot(
          ctx,
          actorOf(request),
          request.principal!,
          v,
          values.person,
          [values.choice as Choice],
        );
        const person = await ctx.db
          .selectFrom("people")
          .select("name")
          .where("id", "=", values.person)
          .executeTakeFirst();
        reply.header("cache-control", "no-store");
        return sendPage(
          reply,
          ReceiptPage({
            ctx: pageContext(request, reply),
            vote: toVoteView(v),
            receipts,
            paperFor: person?.name ?? "–",
          }),
        );
      } catch (e) {
        if (!(e instanceof AppError) || e.code === "not_found") throw e;
        const fields = formErrors(request, e);
        return staffPage(request, reply, v, { values, errors: fields }, e.code === "conflict" ? 409 : 400);
      }
    });
  };
}
