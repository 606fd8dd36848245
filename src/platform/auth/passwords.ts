import { hash, verify } from "@node-rs/argon2";

export const minPasswordLength = 12;

export const hashPassword = (password: string): Promise<string> => hash(password);

export async function verifyPassword(stored: string | null, password: string): Promise<boolean> {
  // Without a stored hash we still spend the time, so timing does not reveal which accounts exist.
  if (!stored) {
    await hash(password);
    return false;
  }
  try {
    return await verify(stored, password);
  } catch {
    return false;
  }
}
