import { apiReadOnly } from "../http/api.server";
import { openApiDocument } from "../http/openapi.server";

/**
 * The description of /api/v1, public (decision 0043): it holds no data, only
 * the shape of the answers, and tools read it before anyone has a token.
 */
export function loader() {
  return new Response(JSON.stringify(openApiDocument()), {
    headers: { "Content-Type": "application/json; charset=utf-8", "Cache-Control": "public, max-age=300" },
  });
}

export const action = apiReadOnly;
