/** Reads a server-sent event stream as it arrives: each event's name and data. */
export class EventStreamReader {
  readonly events: Array<{ event: string; data: string }> = [];
  ended = false;
  private readonly done: Promise<void>;

  constructor(response: Response) {
    const reader = response.body!.getReader();
    const decoder = new TextDecoder();
    let buffer = "";
    this.done = (async () => {
      try {
        for (;;) {
          const { value, done } = await reader.read();
          if (done) break;
          buffer += decoder.decode(value, { stream: true });
          let end: number;
          while ((end = buffer.indexOf("\n\n")) >= 0) {
            const block = buffer.slice(0, end);
            buffer = buffer.slice(end + 2);
            let event = "message";
            const data: string[] = [];
            for (const line of block.split("\n")) {
              if (line.startsWith("event: ")) event = line.slice(7);
              else if (line.startsWith("data: ")) data.push(line.slice(6));
            }
            if (data.length) this.events.push({ event, data: data.join("\n") });
          }
        }
      } catch {
        // Aborted by the test: the stream is over either way.
      }
      this.ended = true;
    })();
  }

  /** The unread counts received, in order. */
  get counts(): number[] {
    return this.events.filter((e) => e.event === "unread").map((e) => (JSON.parse(e.data) as { unread: number }).unread);
  }

  async waitUntil(check: () => boolean, what: string, timeoutMs = 10_000): Promise<void> {
    const until = Date.now() + timeoutMs;
    while (!check()) {
      if (Date.now() > until) throw new Error(`timed out waiting for ${what}; events so far: ${JSON.stringify(this.events)}`);
      await new Promise((r) => setTimeout(r, 25));
    }
  }

  whenEnded(): Promise<void> {
    return this.done;
  }
}
