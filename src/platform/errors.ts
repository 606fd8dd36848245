/**
 * The one error type family. Services throw these; the HTTP edge (platform/error-handler.ts)
 * maps them to a closed set of statuses and stable codes. Messages are i18n keys.
 */
export type ErrorCode =
  | "validation"
  | "unauthorized"
  | "forbidden"
  | "not_found"
  | "conflict"
  | "too_many_requests"
  | "csrf"
  | "internal";

export const statusOf: Record<ErrorCode, number> = {
  validation: 400,
  unauthorized: 401,
  csrf: 403,
  forbidden: 403,
  not_found: 404,
  conflict: 409,
  too_many_requests: 429,
  internal: 500,
};

export class AppError extends Error {
  constructor(
    readonly code: ErrorCode,
    /** i18n key of the message shown to the user. */
    readonly messageKey: string,
    readonly fields?: Record<string, string>,
    readonly params?: Record<string, string | number>,
  ) {
    super(messageKey);
  }
}

/** Field errors: field name → i18n key (or an already translated message). */
export class ValidationError extends AppError {
  /** `params` fill in both the message and the field messages ("{{units}} are not in …"). */
  constructor(
    fields: Record<string, string>,
    messageKey = "errors.validation",
    params?: Record<string, string | number>,
  ) {
    super("validation", messageKey, fields, params);
  }
}

/** Used for both "missing" and "not yours", so ids cannot be probed. */
export class NotFoundError extends AppError {
  constructor() {
    super("not_found", "errors.not_found");
  }
}

export class UnauthorizedError extends AppError {
  constructor() {
    super("unauthorized", "errors.unauthorized");
  }
}

export class ForbiddenError extends AppError {
  constructor(messageKey = "errors.forbidden") {
    super("forbidden", messageKey);
  }
}

export class ConflictError extends AppError {
  constructor(messageKey = "errors.conflict") {
    super("conflict", messageKey);
  }
}

export class TooManyRequestsError extends AppError {
  constructor(messageKey = "errors.too_many_requests") {
    super("too_many_requests", messageKey);
  }
}
