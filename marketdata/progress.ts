/** A one-line progress bar redrawn in place on a terminal stream (stderr), plain lines otherwise. */
export function createProgressBar(stream: NodeJS.WriteStream, label: string, total: number) {
  const width = 30;
  let lastDrawn = -1;
  const started = performance.now();
  return {
    update(done: number, note = "") {
      const ratio = total > 0 ? Math.max(0, Math.min(1, done / total)) : 1;
      const percent = Math.floor(ratio * 100);
      if (percent === lastDrawn && done < total) return;
      lastDrawn = percent;
      const filled = Math.round(ratio * width);
      const seconds = ((performance.now() - started) / 1_000).toFixed(1);
      const line = `${label} [${"#".repeat(filled)}${" ".repeat(width - filled)}] ${String(percent).padStart(3)}% ${done.toLocaleString("en")}/${total.toLocaleString("en")} ${seconds}s ${note}`;
      if (stream.isTTY) stream.write(`\r${line}\x1b[K`);
      else if (percent % 10 === 0) stream.write(`${line}\n`);
    },
    finish() {
      if (stream.isTTY) stream.write("\n");
    },
  };
}
