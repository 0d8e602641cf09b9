// Preloaded into `aios up` by bench/boot.bench.ts (NODE_OPTIONS=--import): when the ready line is
// written, it writes the CPU time the process has used so far (every thread, in ms) to stderr
// as `cpuMs=N`. CPU time barely grows when the machine is shared and the boot waits for a core.
const write = process.stdout.write.bind(process.stdout);
let done = false;
process.stdout.write = (chunk, ...rest) => {
  if (!done && String(chunk).includes('"ready"')) {
    done = true;
    const { user, system } = process.cpuUsage();
    process.stderr.write(`cpuMs=${(user + system) / 1000}\n`);
  }
  return write(chunk, ...rest);
};
