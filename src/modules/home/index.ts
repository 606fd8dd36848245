/** The home module: the landing page that fits each role. */
export { homeRoutes } from "./home.routes.tsx";
