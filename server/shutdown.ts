import type { Server } from "node:http";
import type { Logger } from "pino";

/**
 * Stops accepting, lets requests in flight finish (up to graceMs), then closes
 * what is left and runs the cleanups (sockets, database) in order.
 */
export function installGracefulShutdown(
  server: Server,
  logger: Logger,
  graceMs: number,
  /** Ends long-lived responses and sockets (live streams, collaboration) that would otherwise hold the server open. */
  endStreams: () => void,
  cleanups: Array<() => Promise<void> | void>,
) {
  let stopping = false;
  const stop = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    logger.info({ signal }, "shutting down");
    const forced = setTimeout(() => server.closeAllConnections(), graceMs);
    forced.unref();
    const closed = new Promise<void>((resolve) => server.close(() => resolve()));
    endStreams();
    server.closeIdleConnections();
    await closed;
    clearTimeout(forced);
    for (const cleanup of cleanups) {
      try {
        await cleanup();
      } catch (error) {
        logger.error({ err: error }, "error during shutdown");
      }
    }
    logger.info("stopped");
    logger.flush?.();
    process.exit(0);
  };
  process.on("SIGTERM", () => void stop("SIGTERM"));
  process.on("SIGINT", () => void stop("SIGINT"));
}
