import { apiError } from "../api.server";

/** Any other /api path: a JSON 404, never the HTML error page. */
export function loader() {
  return apiError(404, "No such endpoint.");
}

export function action() {
  return apiError(405, "The API is read-only.");
}
