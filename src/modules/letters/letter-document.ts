/**
 * A letter as every channel renders it: the PDF, the e-mail and the Digital Post (MeMo) message
 * all come from this one value, so what a resident reads is the same whatever the channel.
 */
export interface LetterDocument {
  letterId: string;
  /** Short reference printed on the letter and quoted in replies, e.g. "B-7K3F-92QA". */
  reference: string;
  language: "da" | "en";
  /** The letter's date: YYYY-MM-DD in Europe/Copenhagen. */
  date: string;
  sender: {
    name: string;
    /** Letter address format (DAR): street line, optional supplementary town line, postcode line. */
    addressLines: string[];
    cvr: string | null;
  };
  recipient: {
    name: string;
    /** Letter address format (DAR), as printed in the envelope window. */
    addressLines: string[];
  };
  subject: string;
  /** Plain text; paragraphs are separated by a blank line. */
  body: string;
  /** Leave room at the foot of the first page for a payment slip (FI-kort +71). */
  paymentSlip: boolean;
}
