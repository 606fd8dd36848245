/**
 * Danish payment references, FI-kort type +71 (DOMAIN.md): the payment line
 * `+71<` + 15-digit payment id + `+` + 8-digit creditor number + `<`. The payment id is 14 digits
 * and a modulus-10 (Luhn) check digit: from the right, weights 2,1,2,1…; a product over 9 counts
 * as the sum of its digits; check digit = (10 − sum mod 10) mod 10.
 */

/** The check digit for a 14-digit payment id body. */
export function fiCheckDigit(body: string): number {
  if (!/^\d{14}$/.test(body)) throw new Error("An FI +71 payment id body is 14 digits");
  let sum = 0;
  for (let i = 0; i < body.length; i++) {
    const digit = Number(body[body.length - 1 - i]);
    const product = digit * (i % 2 === 0 ? 2 : 1);
    sum += product > 9 ? product - 9 : product;
  }
  return (10 - (sum % 10)) % 10;
}

/** A full 15-digit payment id from a number (e.g. an invoice or applicant number). */
export function fiPaymentId(reference: number | string): string {
  const body = String(reference).padStart(14, "0");
  if (!/^\d{14}$/.test(body)) throw new Error("The reference must be at most 14 digits");
  return `${body}${fiCheckDigit(body)}`;
}

export function isValidFiPaymentId(id: string): boolean {
  return /^\d{15}$/.test(id) && fiCheckDigit(id.slice(0, 14)) === Number(id[14]);
}

/** The line printed on the payment slip and typed into the payer's net bank. */
export function fiPaymentLine(paymentId: string, creditorNumber: string): string {
  if (!isValidFiPaymentId(paymentId)) throw new Error("Invalid FI +71 payment id");
  if (!/^8\d{7}$/.test(creditorNumber)) throw new Error("The FI creditor number is 8 digits starting with 8");
  return `+71<${paymentId}+${creditorNumber}<`;
}
