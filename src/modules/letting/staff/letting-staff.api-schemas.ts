import { z } from "zod";

/** The zod schemas of the letting staff API: they validate the responses and make the OpenAPI document. */

const errorBody = z.object({
  error: z.object({
    code: z.string(),
    message: z.string(),
    fields: z.record(z.string(), z.string()).optional(),
  }),
});
export const errors = { 400: errorBody, 401: errorBody, 403: errorBody, 404: errorBody, 409: errorBody };
export const tags = ["letting"];
export const pageSize = 100;
export const idParams = z.object({ id: z.string().max(64) });

export const vacancyJson = z.object({
  id: z.string(),
  address: z.string(),
  department: z.string(),
  rooms: z.number(),
  freeFrom: z.string(),
  rentOre: z.number(),
  status: z.enum(["open", "offering", "let", "municipal", "cancelled"]),
  source: z.enum(["move_out", "manual"]),
  letVia: z.string().nullable(),
});

export const roundResultJson = z.object({
  roundId: z.string(),
  mode: z.enum(["municipal_assignment", "lists"]),
  offers: z.number(),
  deadlineAt: z.string(),
});

export const closeResultJson = z.object({
  winnerApplicationId: z.string().nullable(),
  tenancyId: z.string().nullable(),
  expired: z.number(),
});

const line = z.object({
  code: z.string(),
  params: z.record(z.string(), z.union([z.string(), z.number()])),
  text: z.string(),
});

export const roundJson = z.object({
  number: z.number(),
  mode: z.enum(["municipal_assignment", "lists"]),
  status: z.enum(["open", "closed"]),
  deadlineAt: z.string(),
  steps: z.array(line),
  ranked: z.array(
    z.object({
      applicationId: z.string(),
      position: z.number(),
      group: z.string(),
      reason: line,
      offerStatus: z.string().nullable(),
    }),
  ),
  excluded: z.array(z.object({ applicationId: z.string(), reason: z.string(), text: z.string() })),
});

export const ownOfferJson = z.object({
  id: z.string(),
  address: z.string(),
  department: z.string(),
  rooms: z.number(),
  rentOre: z.number(),
  moveIn: z.string(),
  deadlineAt: z.string(),
  status: z.string(),
  position: z.number(),
  ownLine: z.string().nullable(),
  outcome: z.string().nullable(),
  canAnswer: z.boolean(),
});
