/**
 * Every kind of letter almen sends, and what the law and practice say about each.
 * - legal: termination and formal demand (påkrav) go digitally only by Digital Post, else on paper,
 *   never by e-mail (DOMAIN.md, "Digital Post").
 * - digestible: may wait for a resident's daily e-mail digest; time-critical letters never wait.
 * - paymentSlip: the PDF keeps room at the foot of the first page for a payment slip.
 */
export const letterTypes = {
  notice: { legal: false, digestible: true, paymentSlip: false },
  meeting_notice: { legal: false, digestible: true, paymentSlip: false },
  welcome: { legal: false, digestible: true, paymentSlip: false },
  offer: { legal: false, digestible: false, paymentSlip: false },
  payment_request: { legal: false, digestible: false, paymentSlip: true },
  fee_reminder: { legal: false, digestible: false, paymentSlip: true },
  inspection_invitation: { legal: false, digestible: false, paymentSlip: false },
  formal_demand: { legal: true, digestible: false, paymentSlip: true },
  termination: { legal: true, digestible: false, paymentSlip: false },
} as const satisfies Record<string, { legal: boolean; digestible: boolean; paymentSlip: boolean }>;

export type LetterType = keyof typeof letterTypes;
export const letterTypeNames = Object.keys(letterTypes) as LetterType[];
export const isLetterType = (value: unknown): value is LetterType =>
  typeof value === "string" && Object.hasOwn(letterTypes, value);
