import { type LetterType, letterTypes } from "./letter-types.ts";

export const channels = ["digital_post", "email", "paper"] as const;
export type Channel = (typeof channels)[number];

/**
 * Why a channel was chosen; stored with every letter and shown to staff (letters.rules.*).
 * Legal letters (termination, formal demand) may go digitally only by Digital Post (DOMAIN.md).
 */
export const channelRules = [
  "legal_digital_post",
  "legal_paper_exempt",
  "legal_paper_no_cpr",
  "legal_paper_no_sender_cvr",
  "email_consent",
  "paper_exempt",
  "paper_no_cpr",
  "paper_no_sender_cvr",
  "digital_post_default",
] as const;
export type ChannelRule = (typeof channelRules)[number];

/** What the rules need to know about the recipient (and the sender) of one letter. */
export interface ChannelFacts {
  letterType: LetterType;
  /** The recipient is exempt from Digital Post (fritaget): paper instead. */
  digitalPostExempt: boolean;
  /** A CPR number is on file: Digital Post is addressed by CPR. */
  hasCpr: boolean;
  /** The recipient agreed to receive letters by e-mail and has an address. */
  emailConsent: boolean;
  hasEmail: boolean;
  /** Digital Post is sent in the organisation's name: it needs the organisation's CVR number. */
  senderHasCvr: boolean;
}

export interface ChannelDecision {
  channel: Channel;
  rule: ChannelRule;
}

/** The one place that decides how a letter travels. Pure: same facts, same decision. */
export function chooseChannel(f: ChannelFacts): ChannelDecision {
  const digitalPostBlocker = f.digitalPostExempt
    ? "exempt"
    : !f.hasCpr
      ? "no_cpr"
      : !f.senderHasCvr
        ? "no_sender_cvr"
        : null;
  if (letterTypes[f.letterType].legal) {
    return digitalPostBlocker === null
      ? { channel: "digital_post", rule: "legal_digital_post" }
      : { channel: "paper", rule: `legal_paper_${digitalPostBlocker}` };
  }
  if (f.emailConsent && f.hasEmail) return { channel: "email", rule: "email_consent" };
  if (digitalPostBlocker !== null) return { channel: "paper", rule: `paper_${digitalPostBlocker}` };
  return { channel: "digital_post", rule: "digital_post_default" };
}
