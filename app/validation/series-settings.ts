import { z } from "zod";
import { REVIEW_NOTICE_DAYS } from "../models/notification-kinds";

/** How many days before a conference its review list is announced. */
export const seriesSettingsSchema = z.object({
  reviewNoticeDays: z.coerce
    .number({ message: "errors.reviewNoticeDays" })
    .int({ message: "errors.reviewNoticeDays" })
    .min(REVIEW_NOTICE_DAYS.min, { message: "errors.reviewNoticeDays" })
    .max(REVIEW_NOTICE_DAYS.max, { message: "errors.reviewNoticeDays" }),
});
