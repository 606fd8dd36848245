import fastifySwagger from "@fastify/swagger";
import fastifySwaggerUi from "@fastify/swagger-ui";
import type { FastifyInstance } from "fastify";
import { jsonSchemaTransform } from "fastify-type-provider-zod";

/** The OpenAPI document is generated from the routes' zod schemas; only /api/v1 is documented. */
export async function registerApiDocs(server: FastifyInstance): Promise<void> {
  await server.register(fastifySwagger, {
    openapi: {
      openapi: "3.1.0",
      info: {
        title: "almen API",
        version: "1",
        description:
          "JSON API for integrators. Authenticate with `Authorization: Bearer <token>` (create a token under Account → API tokens). Errors are `{ error: { code, message, fields? } }`.",
      },
      components: {
        securitySchemes: { bearer: { type: "http", scheme: "bearer" } },
      },
      security: [{ bearer: [] }],
    },
    transform: jsonSchemaTransform,
    hideUntagged: true,
  });
  await server.register(fastifySwaggerUi, { routePrefix: "/api/docs", staticCSP: true });
  server.get("/api/openapi.json", { config: { permission: "public" } }, async () => server.swagger());
}
