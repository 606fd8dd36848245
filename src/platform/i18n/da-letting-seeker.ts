/** Danish texts of letting: seeker. */
export const daLettingSeeker = {
  title: "",
};
