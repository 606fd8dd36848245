/** Danish texts of letting: fees. */
export const daLettingFees = {
  title: "",
};
