import { z } from "zod";
import { boardRoles } from "./boards.table.ts";

/** The zod schemas of the boards API: they validate the responses and make the OpenAPI document. */

const errorBody = z.object({
  error: z.object({
    code: z.string(),
    message: z.string(),
    fields: z.record(z.string(), z.string()).optional(),
  }),
});
export const errors = { 400: errorBody, 401: errorBody, 403: errorBody, 404: errorBody, 409: errorBody };
export const tags = ["democracy: boards"];
export const idParams = z.object({ id: z.string().max(64) });
export const scopeParams = z.object({
  /** A department's id, or an organisation's id for its organisation board. */
  scopeId: z.string().max(64),
});

export const memberJson = z.object({
  termId: z.string(),
  personId: z.string(),
  name: z.string(),
  role: z.enum(boardRoles),
  alternateRank: z.number().nullable(),
  startDate: z.string(),
  endDate: z.string(),
  leftOn: z.string(),
  resignedOn: z.string().nullable(),
  resignationReason: z.string().nullable(),
  meeting: z.object({ id: z.string(), title: z.string(), date: z.string() }).nullable(),
  electionId: z.string().nullable(),
  reelected: z.boolean(),
  hasContactConsent: z.boolean(),
  contact: z.object({ email: z.string().nullable(), phone: z.string().nullable() }).nullable(),
});

export const boardJson = z.object({
  scopeId: z.string(),
  name: z.string(),
  organisationId: z.string(),
  departmentId: z.string().nullable(),
  sitting: z.array(memberJson),
  coming: z.array(memberJson),
  past: z.array(memberJson),
});

export const boardListJson = z.object({
  items: z.array(
    z.object({
      scopeId: z.string(),
      name: z.string(),
      organisation: z.string(),
      isOrganisation: z.boolean(),
      members: z.number(),
      alternates: z.number(),
    }),
  ),
  total: z.number(),
  page: z.number(),
  pageSize: z.number(),
});

export const nominationJson = z.object({
  id: z.string(),
  name: z.string(),
  via: z.enum(["online", "meeting"]),
  status: z.enum(["pending_consent", "accepted", "declined"]),
  self: z.boolean(),
  nominatedBy: z.string().nullable(),
  votes: z.number().nullable(),
  lot: z.number().nullable(),
  outcome: z.enum(["chair", "member", "alternate", "not_elected"]).nullable(),
  alternateRank: z.number().nullable(),
});

export const electionJson = z.object({
  id: z.string(),
  scopeId: z.string(),
  board: z.string(),
  date: z.string(),
  meeting: z.string().nullable(),
  kind: z.enum(["board", "chair"]),
  status: z.enum(["open", "decided"]),
  memberSeats: z.number(),
  alternateSeats: z.number(),
  nominations: z.array(nominationJson),
});

export const demandJson = z.object({
  id: z.string(),
  departmentId: z.string(),
  department: z.string(),
  subject: z.string(),
  reason: z.string(),
  state: z.enum(["open", "reached", "met"]),
  signatures: z.number(),
  households: z.number(),
  needed: z.number(),
  thresholdPercent: z.number(),
  createdAt: z.string(),
  reachedAt: z.string().nullable(),
  conveneBy: z.string().nullable(),
  metAt: z.string().nullable(),
  timeLeft: z.object({ days: z.number(), hours: z.number(), overdue: z.boolean() }).nullable(),
  signedByMe: z.boolean(),
});

export const signatureResultJson = z.object({
  reached: z.boolean(),
  signatures: z.number(),
  threshold: z.number(),
  households: z.number(),
});
