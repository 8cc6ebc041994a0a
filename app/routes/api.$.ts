import { apiError, apiReadOnly } from "../http/api.server";

/** Any other /api path: a JSON 404, never the HTML error page. */
export function loader() {
  return apiError(404, "No such endpoint.");
}

export const action = apiReadOnly;
