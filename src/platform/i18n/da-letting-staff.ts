/** Danish texts of letting: staff. */
export const daLettingStaff = {
  title: "",
};
