/** Danish texts of letting: ranking. */
export const daLettingRanking = {
  title: "",
};
