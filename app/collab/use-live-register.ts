import { useEffect, useRef } from "react";
import { CloseCode } from "./close-codes";
import { registerDocName } from "./doc-names";
import { useGentleRevalidate } from "./use-gentle-revalidate";

/** y-websocket's sync message (0) carrying an update (2): the hub relays every stored change this way. */
const MESSAGE_SYNC = 0;
const SYNC_UPDATE = 2;
const RETRY_MS = [1_000, 2_000, 5_000, 10_000, 30_000];

/**
 * Listens on a register document's socket without holding the document: the
 * hub relays every change it stores to every open socket, and a page only
 * needs to know that one came. It never sends anything (the register is
 * read-only for everyone), so it needs neither Yjs nor y-websocket — 33 KB
 * of compressed script that pages without an editor would load only for this.
 * After a lost connection it reconnects and reloads once: a change may have
 * come meanwhile.
 */
function follow(url: string, onChange: () => void): () => void {
  let socket: WebSocket | null = null;
  let attempts = 0;
  let wasOpen = false;
  let stopped = false;
  let retry: ReturnType<typeof setTimeout> | undefined;
  const connect = () => {
    socket = new WebSocket(url);
    socket.binaryType = "arraybuffer";
    socket.onopen = () => {
      attempts = 0;
      if (wasOpen) onChange();
      wasOpen = true;
    };
    socket.onmessage = (event: MessageEvent) => {
      if (!(event.data instanceof ArrayBuffer)) return;
      const bytes = new Uint8Array(event.data);
      if (bytes[0] === MESSAGE_SYNC && bytes[1] === SYNC_UPDATE) onChange();
    };
    socket.onclose = (event) => {
      socket = null;
      // 4400–4499: refused for good (signed out, no access); the page keeps what it shows.
      const final = event.code >= CloseCode.malformed && event.code < 4500;
      if (stopped || final) return;
      retry = setTimeout(connect, RETRY_MS[Math.min(attempts++, RETRY_MS.length - 1)]);
    };
  };
  connect();
  return () => {
    stopped = true;
    clearTimeout(retry);
    socket?.close();
  };
}

/**
 * Follows a series' register document and reloads the page's data when
 * someone else changes a commitment, so every open screen shows it at once.
 * Pages work (and render on the server) without it.
 */
export function useLiveRegister(series: number | number[]) {
  // A stable key, so that a new array with the same ids does not reconnect.
  const key = (Array.isArray(series) ? series : [series]).join(",");
  const revalidate = useGentleRevalidate();
  const revalidateRef = useRef(revalidate);
  useEffect(() => {
    revalidateRef.current = revalidate;
  });

  useEffect(() => {
    let timer: ReturnType<typeof setTimeout> | undefined;
    const changed = () => {
      clearTimeout(timer);
      timer = setTimeout(() => revalidateRef.current(), 150);
    };
    const scheme = window.location.protocol === "https:" ? "wss" : "ws";
    const stops = key
      .split(",")
      .filter(Boolean)
      .map((id) => follow(`${scheme}://${window.location.host}/collab/${registerDocName(Number(id))}`, changed));
    return () => {
      clearTimeout(timer);
      for (const stop of stops) stop();
    };
  }, [key]);
}
