import { useEffect, useRef } from "react";
import { registerDocName } from "./doc-names";
import { useGentleRevalidate } from "./use-gentle-revalidate";

/**
 * Follows a series' register document and reloads the page's data when
 * someone else changes a commitment, so every open screen shows it at once.
 * Loaded lazily: pages work (and render on the server) without it.
 */
export function useLiveRegister(series: number | number[]) {
  // A stable key, so that a new array with the same ids does not reconnect.
  const key = (Array.isArray(series) ? series : [series]).join(",");
  const revalidate = useGentleRevalidate();
  const revalidateRef = useRef(revalidate);

  useEffect(() => {
    let disposed = false;
    let cleanup: (() => void) | undefined;
    void Promise.all([import("yjs"), import("y-websocket"), import("./collab-notices")]).then(([Y, { WebsocketProvider }, { handleAccordMessages }]) => {
      if (disposed) return;
      let timer: ReturnType<typeof setTimeout> | undefined;
      const scheme = window.location.protocol === "https:" ? "wss" : "ws";
      const followers = key
        .split(",")
        .filter(Boolean)
        .map((id) => {
          const doc = new Y.Doc();
          const provider = new WebsocketProvider(`${scheme}://${window.location.host}/collab`, registerDocName(Number(id)), doc, {
            disableBc: true,
          });
          // The hub's acknowledgements and notices mean nothing here, but must be understood.
          handleAccordMessages(provider);
          const onUpdate = (_update: Uint8Array, origin: unknown) => {
            // Only changes that arrive after the first sync mean someone else acted.
            if (origin !== provider || !provider.synced) return;
            clearTimeout(timer);
            timer = setTimeout(() => revalidateRef.current(), 150);
          };
          doc.on("update", onUpdate);
          return { doc, provider, onUpdate };
        });
      cleanup = () => {
        clearTimeout(timer);
        for (const { doc, provider, onUpdate } of followers) {
          doc.off("update", onUpdate);
          provider.destroy();
          doc.destroy();
        }
      };
    });
    return () => {
      disposed = true;
      cleanup?.();
    };
  }, [key]);
}
