import type { FastifyPluginAsync, FastifyReply, FastifyRequest } from "fastify";
import { can } from "../../../platform/access.ts";
import type { AppContext } from "../../../platform/context.ts";
import { todayInCopenhagen } from "../../../platform/dates.ts";
import { ValidationError } from "../../../platform/errors.ts";
import { actorOf } from "../../../platform/http/actor.ts";
import { pageContext, sendPage } from "../../../platform/http/request-context.ts";
import type { FieldErrors, FormValues } from "../../../ui/components.tsx";
import { departmentBoardMembersOf, residentsOf, scopeOf } from "./board.repository.ts";
import { type ElectionRow, type NominationRow, nominationsOf } from "./elections.repository.ts";
import { reachableElection, recordResult } from "./elections.service.ts";
import { ElectionPage, type ElectionView, type NominationView } from "./elections.views.tsx";
import { formBody, idParams, submitForm, text } from "./form.ts";
import { accessScope } from "./members.service.ts";
import { addMeetingNomination } from "./nominations.service.ts";

export function toElectionView(e: ElectionRow, board: string): ElectionView {
  return {
    id: e.id,
    scopeId: e.department_id ?? e.organisation_id,
    board,
    date: e.election_date,
    meeting: e.meetingTitle,
    kind: e.kind,
    status: e.status,
    memberSeats: e.member_seats,
    alternateSeats: e.alternate_seats,
  };
}

export const toNominationView = (n: NominationRow): NominationView => ({
  id: n.id,
  name: n.name,
  via: n.via,
  status: n.status,
  nominatedBy: n.nominatedByName,
  self: n.nominated_by_person_id === n.person_id,
  votes: n.votes,
  lot: n.lot_rank,
  outcome: n.outcome,
  alternateRank: n.alternate_rank,
});

/** The election at the meeting: the chair of the department board or staff add candidates and record the votes. */
export function electionRoutes(ctx: AppContext): FastifyPluginAsync {
  return async (app) => {
    const run = { config: { permission: "meetings.manage" } } as const;

    const electionPage = async (
      request: FastifyRequest,
      reply: FastifyReply,
      values: FormValues = {},
      errors: FieldErrors = {},
      status = 200,
    ) => {
      const { id } = idParams.parse(request.params);
      const e = await reachableElection(ctx, request.principal!, "meetings.manage", id);
      const scope = (await scopeOf(ctx.db, e.department_id ?? e.organisation_id))!;
      const today = todayInCopenhagen(ctx.clock);
      const people = e.department_id
        ? await residentsOf(ctx.db, e.department_id, today)
        : await departmentBoardMembersOf(ctx.db, e.organisation_id, today);
      return sendPage(
        reply,
        ElectionPage({
          ctx: pageContext(request, reply),
          election: toElectionView(e, scope.name),
          nominations: (await nominationsOf(ctx.db, e.id)).map(toNominationView),
          residents: people.map((r) => ({ value: r.personId, label: `${r.name} – ${r.address}` })),
          canSeeBoard: can(request.principal, "boards.manage", accessScope(scope)),
          values,
          errors,
        }),
        status,
      );
    };

    app.get("/elections/:id", run, (request, reply) => electionPage(request, reply));

    app.post("/elections/:id/nominations", run, async (request, reply) => {
      const { id } = idParams.parse(request.params);
      const b = formBody(request);
      const values = { personId: text(b.personId), consent: text(b.consent) };
      return submitForm(request, reply, {
        back: `/elections/${id}`,
        run: async () => {
          await addMeetingNomination(ctx, actorOf(request), request.principal!, id, {
            personId: values.personId,
            consent: (values.consent === "ja") as true,
          });
          return { to: `/elections/${id}`, flash: request.t("boards.nominations.added") };
        },
        invalid: (errors) => electionPage(request, reply, values, errors, 400),
      });
    });

    app.post("/elections/:id/result", run, async (request, reply) => {
      const { id } = idParams.parse(request.params);
      const e = await reachableElection(ctx, request.principal!, "meetings.manage", id);
      const b = formBody(request);
      const candidates = (await nominationsOf(ctx.db, e.id)).filter((n) => n.status === "accepted");
      const values: FormValues = {};
      for (const c of candidates) {
        values[`votes_${c.id}`] = text(b[`votes_${c.id}`]);
        values[`lot_${c.id}`] = text(b[`lot_${c.id}`]);
      }
      return submitForm(request, reply, {
        back: `/elections/${id}`,
        run: async () => {
          const fields: Record<string, string> = {};
          const votes = candidates.map((c) => {
            const v = values[`votes_${c.id}`]!;
            const lot = values[`lot_${c.id}`]!;
            if (!/^\d{1,6}$/.test(v)) fields[`votes_${c.id}`] = "boards.errors.votes_number";
            if (lot && !/^\d{1,2}$/.test(lot)) fields[`lot_${c.id}`] = "boards.errors.lot_number";
            return { nominationId: c.id, votes: Number(v), lot: lot ? Number(lot) : undefined };
          });
          if (Object.keys(fields).length) throw new ValidationError(fields);
          await recordResult(ctx, actorOf(request), request.principal!, id, { votes });
          return { to: `/elections/${id}`, flash: request.t("boards.elections.decided") };
        },
        invalid: (errors) => electionPage(request, reply, values, errors, 400),
      });
    });
  };
}
