/** Energy labels (energimærker) and the BBR building use codes we meet on housing estates. */
import { z } from "zod";

/** Best first. The A classes are named after the energy frames of 2010, 2015 and 2020. */
export const energyLabelClasses = ["A2020", "A2015", "A2010", "B", "C", "D", "E", "F", "G"] as const;
export type EnergyLabelClass = (typeof energyLabelClasses)[number];

export const isEnergyLabelClass = (value: string): value is EnergyLabelClass =>
  (energyLabelClasses as readonly string[]).includes(value);

/** ISO dates ("2024-05-01") compare correctly as strings. */
const isoDate = (message: string) => z.iso.date({ message });

/**
 * An energy label as registered for a building or unit. The class is upper-cased ("a2020" is a
 * typing slip); the serial number is kept as text, as the label register prints it.
 */
export const energyLabelSchema = z
  .object({
    class: z
      .string()
      .transform((v) => v.trim().toUpperCase())
      .pipe(z.enum(energyLabelClasses, { message: "masterdata.errors.energy_label_class" })),
    serialNumber: z
      .string()
      .trim()
      .regex(/^[0-9A-Za-z-]{1,32}$/, { message: "masterdata.errors.energy_label_serial" }),
    validFrom: isoDate("masterdata.errors.date"),
    validTo: isoDate("masterdata.errors.date"),
  })
  .refine((label) => label.validTo > label.validFrom, {
    message: "masterdata.errors.energy_label_period",
    path: ["validTo"],
    // Comparing a malformed date would add a second, misleading message to the field.
    when: (payload) => !payload.issues.some((i) => i.path?.[0] === "validFrom" || i.path?.[0] === "validTo"),
  });

export type EnergyLabel = z.output<typeof energyLabelSchema>;

/**
 * BBR building use codes (BygAnvendelse) for dwellings, with the official Danish texts from the
 * BBR code list (teknik.bbr.dk/kodelister, "BygAnvendelse"). Almene estates are mostly 140
 * (etagebolig), 131 (række-/kædehus), 150 (kollegium) and 160 (døgninstitution). 130 is being
 * phased out in favour of 131 and 132, but old registrations still carry it. Codes outside this
 * map are valid BBR codes for non-dwellings (garages, sheds, commerce) and are shown as numbers.
 */
export const bbrBuildingUseCodes: ReadonlyMap<number, string> = new Map([
  [110, "Stuehus til landbrugsejendom"],
  [120, "Fritliggende enfamiliehus"],
  [121, "Sammenbygget enfamiliehus"],
  [122, "Fritliggende enfamiliehus i tæt-lav bebyggelse"],
  [130, "Række-, kæde- eller dobbelthus (udfases)"],
  [131, "Række-, kæde- og klyngehus"],
  [132, "Dobbelthus"],
  [140, "Etagebolig-bygning, flerfamiliehus eller to-familiehus"],
  [150, "Kollegium"],
  [160, "Boligbygning til døgninstitution"],
  [185, "Anneks i tilknytning til helårsbolig"],
  [190, "Anden bygning til helårsbeboelse"],
]);

/** The official text for a dwelling use code, or undefined for codes outside the map. */
export const bbrBuildingUse = (code: number): string | undefined => bbrBuildingUseCodes.get(code);

/** Codes 110–190 are "boliger til helårsbeboelse" (year-round dwellings) in the BBR code list. */
export const isDwellingUseCode = (code: number): boolean => code >= 110 && code <= 190;
