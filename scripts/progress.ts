/** A terminal progress bar on stderr; prints plain lines when stderr is not a TTY (CI logs). */
export function progressBar(label: string, total: number) {
  const started = Date.now();
  let lastPct = -1;
  const tty = process.stderr.isTTY;
  return {
    update(done: number) {
      const pct = Math.floor((done / total) * 100);
      if (pct === lastPct) return;
      lastPct = pct;
      const rate = done / Math.max(0.001, (Date.now() - started) / 1000);
      const eta = Math.max(0, (total - done) / Math.max(rate, 1));
      const width = 30;
      const filled = Math.round((pct / 100) * width);
      const text = `${label} [${'#'.repeat(filled)}${'.'.repeat(width - filled)}] ${pct}% ${done}/${total} · ${Math.round(rate)}/s · ETA ${eta.toFixed(0)} s`;
      if (tty) process.stderr.write(`\r${text}`);
      else if (pct % 10 === 0) process.stderr.write(`${text}\n`);
    },
    done() {
      if (tty) process.stderr.write('\n');
    },
  };
}
