import type { Migration } from "kysely";
import * as m0001 from "./0001_foundation";
import * as m0002 from "./0002_conferences_and_collaboration";
import * as m0003 from "./0003_commitments_and_agreements";
import * as m0004 from "./0004_series_revisions";
import * as m0005 from "./0005_dashboard_indexes";
import * as m0006 from "./0006_series_languages";
import * as m0007 from "./0007_status_reasons_and_drop_requests";
import * as m0008 from "./0008_hashed_session_ids";
import * as m0009 from "./0009_setup_tokens";
import * as m0010 from "./0010_notifications";
import * as m0011 from "./0011_comments";
import * as m0012 from "./0012_document_versions";
import * as m0013 from "./0013_parallel_texts";
import * as m0014 from "./0014_translation_revisions";
import * as m0015 from "./0015_edit_attribution";
import * as m0016 from "./0016_invitation_mail_and_review_notice";
import * as m0017 from "./0017_collab_fences";
import * as m0021 from "./0021_conference_revisions";
import * as m0022 from "./0022_projected_texts";
import * as m0023 from "./0023_revisions_per_statement";
import * as m0024 from "./0024_figure_names";
import * as m0025 from "./0025_status_reason_languages";

/**
 * Every migration, in order. A static list rather than a folder read at run
 * time, because the server runs from a bundle where the folder is gone.
 */
export const migrations: Record<string, Migration> = {
  "0001_foundation": m0001,
  "0002_conferences_and_collaboration": m0002,
  "0003_commitments_and_agreements": m0003,
  "0004_series_revisions": m0004,
  "0005_dashboard_indexes": m0005,
  "0006_series_languages": m0006,
  "0007_status_reasons_and_drop_requests": m0007,
  "0008_hashed_session_ids": m0008,
  "0009_setup_tokens": m0009,
  "0010_notifications": m0010,
  "0011_comments": m0011,
  "0012_document_versions": m0012,
  "0013_parallel_texts": m0013,
  "0014_translation_revisions": m0014,
  "0015_edit_attribution": m0015,
  "0016_invitation_mail_and_review_notice": m0016,
  "0017_collab_fences": m0017,
  "0021_conference_revisions": m0021,
  "0022_projected_texts": m0022,
  "0023_revisions_per_statement": m0023,
  "0024_figure_names": m0024,
  "0025_status_reason_languages": m0025,
};
