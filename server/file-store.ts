import { randomBytes } from "node:crypto";
import fs from "node:fs/promises";
import path from "node:path";
import type { FileStore } from "../app/http/request-context.server";

/**
 * Uploaded documents live outside the web root, under names we generate; the
 * name a person uploaded is kept only as metadata, never as a path.
 */
export function createFileStore(directory: string): FileStore {
  const root = path.resolve(directory);
  const pathOf = (name: string) => {
    if (!/^[a-z0-9]{32}\.[a-z0-9]{1,8}$/.test(name)) throw new Error("invalid stored file name");
    return path.join(root, name);
  };
  return {
    async save(bytes, extension) {
      if (!/^[a-z0-9]{1,8}$/.test(extension)) throw new Error("invalid extension");
      await fs.mkdir(root, { recursive: true });
      const name = `${randomBytes(16).toString("hex")}.${extension}`;
      // Written under a temporary name and renamed, so a half-written file is never served.
      const temporary = `${pathOf(name)}.part`;
      await fs.writeFile(temporary, bytes, { flag: "wx" });
      await fs.rename(temporary, pathOf(name));
      return name;
    },
    read(name) {
      return fs.readFile(pathOf(name));
    },
    async remove(name) {
      await fs.rm(pathOf(name), { force: true });
    },
  };
}
