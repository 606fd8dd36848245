import { v7 } from "uuid";

/** Opaque, time-ordered ids (UUIDv7) so URLs reveal nothing and inserts stay index-friendly. */
export const newId = (): string => v7();
