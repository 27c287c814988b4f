'use strict';
// Runs kinesis-local inside this node process:  node parent-watchdog.js <parent pid> <path of kinesis-local main.js>
// - It exits as soon as the JVM that started it is gone: a JVM killed with SIGKILL runs no shutdown hook, so the
//   server must notice by itself or it would run on, holding its ports.
// - kinesis-local listens on every interface and has no setting for that; local servers listen on loopback only.
const net = require('net');

const [parentPid, mainJs] = process.argv.slice(2).map((arg, i) => (i === 0 ? Number(arg) : arg));
const LOOPBACK = '127.0.0.1';
const PARENT_POLL_MILLIS = 500;
const EXIT_CODE = 143;
// kinesis-local (a cats-effect app) replaces process.exit with a graceful shutdown that waits up to 30 s for open
// client connections to close. It keeps nothing on disk here, so there is nothing to wait for: keep the real exit.
const exitNow = process.exit.bind(process);

const listen = net.Server.prototype.listen;
net.Server.prototype.listen = function listenOnLoopback(...args) {
  if (typeof args[0] === 'number' && typeof args[1] !== 'string') {
    args.splice(1, 0, LOOPBACK);
  } else if (args[0] !== null && typeof args[0] === 'object' && args[0].host === undefined) {
    args[0] = { ...args[0], host: LOOPBACK };
  }
  return listen.apply(this, args);
};

function parentIsAlive() {
  try {
    process.kill(parentPid, 0);
    return true;
  } catch (error) {
    // EPERM: the process exists but belongs to someone else, which still means it is alive.
    return error.code === 'EPERM';
  }
}

for (const signal of ['SIGTERM', 'SIGINT']) {
  process.on(signal, () => exitNow(EXIT_CODE));
}

// unref(): the poll alone must not keep this process running.
setInterval(() => {
  if (!parentIsAlive()) {
    exitNow(EXIT_CODE);
  }
}, PARENT_POLL_MILLIS).unref();

require(mainJs);
