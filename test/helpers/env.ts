import { fileURLToPath } from "node:url";

export const ROOT = fileURLToPath(new URL("../..", import.meta.url));

// Settings the server or CLI reads; a developer's shell must not leak them into a test.
const APP_VARIABLES = /^(ACCORD_|SESSION_)|^(PORT|HOST|DATABASE_URL|REDIS_URL|LOG_LEVEL|SHUTDOWN_GRACE_MS|NODE_ENV)$/;

/**
 * The environment for a child process: the parent's, minus Accord's own
 * settings, plus `extra`. NODE_ENV goes too: Vitest sets it to "test", which
 * would put Remix in development mode, and `npm start` leaves it unset.
 */
export function childEnv(extra: Record<string, string | undefined> = {}): NodeJS.ProcessEnv {
  const env: Record<string, string | undefined> = {};
  for (const [key, value] of Object.entries(process.env)) {
    if (!APP_VARIABLES.test(key)) env[key] = value;
  }
  for (const [key, value] of Object.entries(extra)) {
    if (value !== undefined) env[key] = value;
  }
  // Some typings declare NODE_ENV as always present; here it is deliberately absent.
  return env as NodeJS.ProcessEnv;
}
