/** Danish texts of letting: settings. */
export const daLettingSettings = {
  title: "",
};
