import { describe, expect, it } from "vitest";
import { type ChannelFacts, chooseChannel } from "./channel-rules.ts";
import { letterTypeNames, letterTypes } from "./letter-types.ts";

const bools = [false, true];

/** Every letter type × every recipient preference × exemption × CPR on file × sender CVR. */
const cases: ChannelFacts[] = letterTypeNames.flatMap((letterType) =>
  bools.flatMap((digitalPostExempt) =>
    bools.flatMap((hasCpr) =>
      bools.flatMap((emailConsent) =>
        bools.flatMap((hasEmail) =>
          bools.map((senderHasCvr) => ({
            letterType,
            digitalPostExempt,
            hasCpr,
            emailConsent,
            hasEmail,
            senderHasCvr,
          })),
        ),
      ),
    ),
  ),
);

/** The rules of DOMAIN.md written out plainly, to check the function against. */
function expected(f: ChannelFacts): string {
  const canDigitalPost = !f.digitalPostExempt && f.hasCpr && f.senderHasCvr;
  if (letterTypes[f.letterType].legal) return canDigitalPost ? "digital_post" : "paper";
  if (f.emailConsent && f.hasEmail) return "email";
  return canDigitalPost ? "digital_post" : "paper";
}

describe("chooseChannel", () => {
  it.each(cases)("%o", (facts) => {
    expect(chooseChannel(facts).channel).toBe(expected(facts));
  });

  it("never e-mails a termination or a formal demand, even with consent", () => {
    for (const f of cases.filter((c) => letterTypes[c.letterType].legal)) {
      expect(chooseChannel(f).channel).not.toBe("email");
      expect(chooseChannel(f).rule.startsWith("legal_")).toBe(true);
    }
  });

  it("sends an exempt recipient's letters on paper unless they chose e-mail for ordinary letters", () => {
    const base = { hasCpr: true, senderHasCvr: true, digitalPostExempt: true } as const;
    expect(chooseChannel({ ...base, letterType: "termination", emailConsent: true, hasEmail: true })).toEqual(
      { channel: "paper", rule: "legal_paper_exempt" },
    );
    expect(chooseChannel({ ...base, letterType: "notice", emailConsent: false, hasEmail: true })).toEqual({
      channel: "paper",
      rule: "paper_exempt",
    });
    expect(chooseChannel({ ...base, letterType: "notice", emailConsent: true, hasEmail: true })).toEqual({
      channel: "email",
      rule: "email_consent",
    });
  });

  it("names why Digital Post could not be used", () => {
    const f = { letterType: "formal_demand", emailConsent: false, hasEmail: false } as const;
    expect(chooseChannel({ ...f, digitalPostExempt: false, hasCpr: false, senderHasCvr: true }).rule).toBe(
      "legal_paper_no_cpr",
    );
    expect(chooseChannel({ ...f, digitalPostExempt: false, hasCpr: true, senderHasCvr: false }).rule).toBe(
      "legal_paper_no_sender_cvr",
    );
    expect(chooseChannel({ ...f, digitalPostExempt: false, hasCpr: true, senderHasCvr: true }).rule).toBe(
      "legal_digital_post",
    );
  });
});
