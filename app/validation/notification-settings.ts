import { z } from "zod";
import { DELIVERIES } from "../models/notification-kinds";
import { isTimeZone } from "../models/time-zones";

const delivery = z.enum(DELIVERIES);
// Spelled out (not built from NOTIFICATION_KINDS) so that the parsed type names every kind.
export const settingsSchema = z.object({
  assigned: delivery,
  due: delivery,
  overdue: delivery,
  shareAwaited: delivery,
  statusChanged: delivery,
  reviewReady: delivery,
  concluded: delivery,
  mentioned: delivery,
  weeklySummary: delivery,
  timeZone: z.string().max(64).refine((zone) => zone === "" || isTimeZone(zone)),
});
