/** Danish address formatting (DAR): "Vejnavn 12A, 3. tv, 1620 København V". */
export interface AddressParts {
  street: string;
  houseNumber: string;
  floor: string | null;
  door: string | null;
  postcode: string;
  town: string;
}

/** Floor gets a full stop when it is a number ("3."), "st" and "kl" stay as they are. */
export function floorAndDoor(floor: string | null, door: string | null): string {
  const f = floor ? (/^\d+$/.test(floor) ? `${floor}.` : floor) : "";
  return [f, door ?? ""].filter(Boolean).join(" ");
}

export function oneLineAddress(a: AddressParts): string {
  const fd = floorAndDoor(a.floor, a.door);
  return `${a.street} ${a.houseNumber}${fd ? `, ${fd}` : ""}, ${a.postcode} ${a.town}`;
}
