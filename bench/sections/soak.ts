import * as Y from "yjs";
import { copyDb, docNameOf, prng } from "../lib/fixtures";
import { agendaItemIds, LeanReader, LeanWriter, MarkerEditor, type SocketTarget } from "../lib/lean-client";
import { HUNG, LAN, SERIES, startAccord, ZHANG, type HeapReading } from "../lib/servers";
import { ratio, round } from "../lib/stats";
import { inBatches, sleep, type Log } from "../lib/util";

export interface SoakOptions {
  loadedDb: string;
  docNames: string[];
  minutes: number;
  readers: number;
  editsPerSecond: number;
}

/**
 * Ten minutes of steady use against one server: a writer editing one document
 * for a room of readers, people opening and closing other documents all the
 * time, and the leader view requested now and then. Heap after GC is read
 * once the load has run for a minute (start) and when it ends (end), while it
 * is still running, and once more after everyone left and documents unloaded.
 */
export async function runSoak(options: SoakOptions, log: Log) {
  const accord = await startAccord({ dbPath: copyDb(options.loadedDb), probe: true, users: [LAN, ZHANG, HUNG] });
  const random = prng(11);
  let running = true;
  const counts = { edits: 0, churnConnections: 0, pages: 0, errors: 0 };
  const target = (docName: string, email: string): SocketTarget => ({
    url: `ws://127.0.0.1:${accord.server.port}/collab/${docName}`,
    headers: { cookie: accord.cookie(email), origin: accord.server.url },
  });
  const tasks: Promise<void>[] = [];
  const samples: { minute: number; heapUsedMB: number; heapTotalMB: number; externalMB: number; rssMB: number }[] = [];
  try {
    const room = docNameOf(options.loadedDb, SERIES, 18);
    const writer = await LeanWriter.connect(target(room, LAN), new Y.Doc(), "yjs");
    const editor = new MarkerEditor(writer.doc, agendaItemIds(writer.doc)[0]);
    const readers = await inBatches(Array.from({ length: options.readers }, (_, i) => i), 25, (i) =>
      LeanReader.connect(target(room, i % 2 === 0 ? ZHANG : HUNG), "yjs"),
    );

    tasks.push(
      (async () => {
        let seq = 0;
        while (running) {
          editor.edit(`#S${++seq}.`);
          counts.edits += 1;
          await sleep(1000 / options.editsPerSecond);
        }
      })(),
    );
    // Churn: two new sockets a second to random documents, each open for 1–4 s.
    tasks.push(
      (async () => {
        const open = new Set<Promise<void>>();
        while (running) {
          for (let k = 0; k < 2; k += 1) {
            const docName = random.pick(options.docNames);
            const life = 1000 + random.int(3000);
            const p = LeanReader.connect(target(docName, LAN), "yjs")
              .then(async (r) => {
                counts.churnConnections += 1;
                await sleep(life);
                await r.close();
              })
              .catch(() => {
                counts.errors += 1;
              });
            open.add(p);
            void p.finally(() => open.delete(p));
          }
          await sleep(1000);
        }
        await Promise.all(open);
      })(),
    );
    // A heap reading waits for a page in flight, and no page starts during one, so that
    // the readings compare the same state rather than catching a render half way.
    let page: Promise<void> = Promise.resolve();
    let reading: Promise<unknown> = Promise.resolve();
    tasks.push(
      (async () => {
        const client = accord.clients.get(LAN)!;
        while (running) {
          await sleep(15_000);
          await reading;
          if (!running) break;
          page = client.get(`/series/${SERIES}/leader`).then(async (response) => {
            await response.text();
            counts.pages += 1;
          });
          await page.catch(() => {
            counts.errors += 1;
          });
        }
      })(),
    );

    const started = Date.now();
    const heap = async (minute: number) => {
      const read = page.catch(() => {}).then(() => accord.probe!.heap());
      reading = read;
      const r: HeapReading = await read;
      const mb = (bytes: number) => round(bytes / 1024 / 1024, 2);
      samples.push({ minute, heapUsedMB: mb(r.heapUsed), heapTotalMB: mb(r.heapTotal), externalMB: mb(r.external), rssMB: round(r.vmRss / 1024 / 1024, 1) });
      log(`soak minute ${minute}: heapUsed ${samples.at(-1)!.heapUsedMB} MB (total ${samples.at(-1)!.heapTotalMB} MB), RSS ${samples.at(-1)!.rssMB} MB`);
      return r;
    };
    let start: HeapReading | null = null;
    for (let minute = 1; minute <= options.minutes; minute += 1) {
      await sleep(Math.max(0, started + minute * 60_000 - Date.now()));
      const reading = await heap(minute);
      if (minute === 1) start = reading;
    }
    const end = samples.at(-1)!;
    running = false;
    await Promise.all(tasks);
    await Promise.all(readers.map((r) => r.close()));
    await writer.close();
    // Documents unload 30 s (the default) after their last socket closes.
    await sleep(35_000);
    const quiet = await heap(options.minutes + 1);
    return {
      method:
        `${options.minutes} minutes on one server: one writer at ${options.editsPerSecond} edits/s to a room of ${options.readers} readers, ` +
        "two new sockets a second to random documents (open 1–4 s each), the leader view every 15 s (in the series with the commitment load). " +
        "Heap after two full GCs (bench-only probe) at minute 1 (start, load running), every minute, at the end (load still running), and 35 s after everyone left " +
        "(documents unloaded); a reading waits for a leader render in flight, so that it does not catch one half way.",
      counts,
      samples,
      startHeapUsedMB: round(start!.heapUsed / 1024 / 1024, 2),
      endHeapUsedMB: end.heapUsedMB,
      afterQuietHeapUsedMB: round(quiet.heapUsed / 1024 / 1024, 2),
      endToStart: ratio(end.heapUsedMB, round(start!.heapUsed / 1024 / 1024, 2)),
    };
  } finally {
    running = false;
    await Promise.allSettled(tasks);
    await accord.stop();
  }
}
