/**
 * Danish postcodes → town names, loaded once from dk-postcodes.json.
 *
 * Source: PostNord's public postcode list ("regionsopdelt postnummer", 2018), as converted to JSON
 * (region → municipality → postcode → town) in the public repository stubben/postnumre-i-Danmark.
 * That repository states no licence; the content is the list of postcodes and town names that
 * PostNord publishes for anyone to address letters with. The list is from 2018, so a mismatch
 * with it is only ever a warning, never a reason to reject an address.
 */
import postcodeTree from "./dk-postcodes.json" with { type: "json" };

type PostcodeTree = Record<string, Record<string, Record<string, string>>>;

/** The JSON keys are numbers, so "0800" lost its leading zero there; we key on the 4-digit form. */
function buildIndex(tree: PostcodeTree): ReadonlyMap<string, readonly string[]> {
  const index = new Map<string, string[]>();
  for (const municipalities of Object.values(tree)) {
    for (const postcodes of Object.values(municipalities)) {
      for (const [code, town] of Object.entries(postcodes)) {
        const postcode = code.padStart(4, "0");
        const towns = index.get(postcode) ?? [];
        // A postcode crossing a municipal border appears once per municipality.
        if (!towns.includes(town)) towns.push(town);
        index.set(postcode, towns);
      }
    }
  }
  return index;
}

/** Postcode ("1620") → its town names (in practice one each). */
export const postcodeTowns: ReadonlyMap<string, readonly string[]> = buildIndex(postcodeTree);
