import { z } from "zod";

/** What every community API route shares: the error body, id parameters, paging, the tag. */

const errorBody = z.object({
  error: z.object({
    code: z.string(),
    message: z.string(),
    fields: z.record(z.string(), z.string()).optional(),
  }),
});
export const errors = { 400: errorBody, 401: errorBody, 403: errorBody, 404: errorBody, 409: errorBody };
export const tags = ["community"];
export const idParams = z.object({ id: z.string().max(64) });
export const pageQuery = z.coerce.number().int().min(1).max(100_000).default(1);
export const noContent = { 204: z.null().describe("Done") };
