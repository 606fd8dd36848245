/** Danish master-data rules (DAR addresses, CPR, CVR, energy labels and BBR codes). */
export {
  type Address,
  type AddressInput,
  addressSchema,
  checkPostcodeTown,
  formatAddressLines,
  type LetterAddress,
  municipalityCodeSchema,
  normaliseDoor,
  normaliseFloor,
  normaliseHouseNumber,
  type PostcodeTownWarning,
  postcodeTown,
  validateDoor,
  validateFloor,
  validateHouseNumber,
  validateMunicipalityCode,
  validatePostcode,
} from "./address.ts";
export {
  type CprErrorKey,
  type CprResult,
  cprCentury,
  cprHashKey,
  cprLookupHash,
  cprSchema,
  maskCpr,
  parseCpr,
} from "./cpr.ts";
export { cvrCheckDigit, cvrSchema, isValidCvr } from "./cvr.ts";
export {
  bbrBuildingUse,
  bbrBuildingUseCodes,
  type EnergyLabel,
  type EnergyLabelClass,
  energyLabelClasses,
  energyLabelSchema,
  isDwellingUseCode,
  isEnergyLabelClass,
} from "./energy-label.ts";
export { postcodeTowns } from "./postcodes.ts";
