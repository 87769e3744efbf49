// Loaded into the demo server the end-to-end tests start (node --import): when the test run that
// started it dies without stopping it, the server stops itself as on SIGTERM, its PostgreSQL with it.
const parent = process.ppid;
const watch = setInterval(() => {
  if (process.ppid === parent) return;
  clearInterval(watch);
  process.kill(process.pid, "SIGTERM");
}, 1000);
watch.unref();
