/** The community part's public door: what other modules may call. */
export { type StartOnboarding, startOnboarding } from "./onboarding.service.ts";
