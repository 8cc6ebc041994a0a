import { z } from "zod";

/** The search box: its limit reaches the page as a constraint; a longer query in the address is read as none. */
export const searchFormSchema = z.object({ q: z.string().trim().max(200) });
export const querySchema = searchFormSchema.shape.q.catch("");
export const pageSchema = z.coerce.number().int().min(1).max(1000).catch(1);
