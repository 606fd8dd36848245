import { generateSecret, generateURI, verify } from "otplib";
import QRCode from "qrcode";

export const newTotpSecret = (): string => generateSecret();

export function totpUri(secret: string, email: string): string {
  return generateURI({ issuer: "almen", label: email, secret });
}

/** An inline SVG QR code (no data: URL, so the CSP can stay strict). */
export const totpQrSvg = (uri: string): Promise<string> => QRCode.toString(uri, { type: "svg", margin: 1 });

/**
 * Accepts the current code and the one before or after it (clock drift of ±30 s), but only a time
 * step after the last accepted one. Returns the accepted step, or null.
 */
export async function verifyTotp(
  secret: string,
  token: string,
  at: Date,
  afterStep?: number | null,
): Promise<number | null> {
  const clean = token.replace(/\s/g, "");
  if (!/^\d{6}$/.test(clean)) return null;
  const result = await verify({
    secret,
    token: clean,
    epoch: Math.floor(at.getTime() / 1000),
    epochTolerance: 30,
    ...(afterStep != null ? { afterTimeStep: afterStep } : {}),
  });
  return result.valid && "timeStep" in result ? result.timeStep : null;
}
