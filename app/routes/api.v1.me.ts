import type { LoaderFunctionArgs } from "@remix-run/node";
import type { ApiBody, Me } from "../http/api-schemas.server";
import { apiJson, apiReadOnly, requireApiUser } from "../http/api.server";

export async function loader({ context }: LoaderFunctionArgs) {
  const user = requireApiUser(context);
  return apiJson({ id: user.id, email: user.email, name: user.name, isAdmin: user.isAdmin } satisfies ApiBody<typeof Me>);
}

export const action = apiReadOnly;
