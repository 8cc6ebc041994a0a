import { z } from "zod";

export const querySchema = z.string().trim().max(200).catch("");
export const pageSchema = z.coerce.number().int().min(1).max(1000).catch(1);
