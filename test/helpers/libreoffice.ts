import { execFileSync } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import { makeTempDir } from "./server";

/** Debian's LibreOffice (libreoffice-writer-nogui, installed by .ci/run). */
export const SOFFICE = "/usr/bin/soffice";

/**
 * Opens a Word file in LibreOffice and saves it as flat OpenDocument XML, so
 * a test can read what LibreOffice itself understood: its text, and tracked
 * changes as <text:changed-region> with their authors and dates. A profile of
 * its own per call, so parallel tests never share LibreOffice's lock.
 */
export function openInLibreOffice(docx: Buffer, name = "document"): string {
  const dir = makeTempDir();
  const input = path.join(dir, `${name}.docx`);
  fs.writeFileSync(input, docx);
  execFileSync(
    SOFFICE,
    [`-env:UserInstallation=file://${path.join(dir, "profile")}`, "--headless", "--norestore", "--convert-to", "fodt", "--outdir", dir, input],
    { stdio: "pipe", timeout: 120_000 },
  );
  return fs.readFileSync(path.join(dir, `${name}.fodt`), "utf8");
}
