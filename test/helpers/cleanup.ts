import { afterAll } from "vitest";
import { stopAllServers } from "./server";

// Runs after each test file, whatever happened in it.
afterAll(async () => {
  await stopAllServers();
});
