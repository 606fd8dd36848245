/** Danish address formatting (DAR): "Vejnavn 12A, 3. tv, 1620 København V". */
export interface AddressParts {
  street: string;
  houseNumber: string;
  floor: string | null;
  door: string | null;
  postcode: string;
  town: string;
}

/** The floor gets a full stop ("3.", "st.", "kl."), the door does not: "3. tv", "st. th". */
export function floorAndDoor(floor: string | null, door: string | null): string {
  const f = floor ? `${floor}.` : "";
  return [f, door ?? ""].filter(Boolean).join(" ");
}

export function oneLineAddress(a: AddressParts): string {
  const fd = floorAndDoor(a.floor, a.door);
  return `${a.street} ${a.houseNumber}${fd ? `, ${fd}` : ""}, ${a.postcode} ${a.town}`;
}
