// host.js: what a Go program compiled for js/wasm expects of its host,
// served by wasmexec. wasm_exec.js only stubs globalThis.fs and
// globalThis.process when they are missing; this file defines them first:
//
//   - standard output and error (fd 1 and 2) go to wasmexec in order, in
//     POSTs to /out, which it copies to its own stdout and stderr;
//   - file operations go to wasmexec (/fs/*, fs.go): the directory it runs
//     in (the package's, under go test) is read-only, so that a test can
//     read its testdata; the program's $TMPDIR is read-write;
//   - process.cwd() is that directory.
"use strict";

(() => {
  const cfg = globalThis.wasmexecConfig;
  const headers = { "X-Wasmexec-Token": cfg.token };

  function errno(code, message) {
    const e = new Error(message || code);
    e.code = code;
    return e;
  }

  // ---- output: one ordered queue for fd 1 and 2 ----------------------------

  const queue = [];
  let flushing = null;

  async function flush() {
    while (queue.length > 0) {
      const fd = queue[0].fd;
      const parts = [];
      while (queue.length > 0 && queue[0].fd === fd) {
        parts.push(queue.shift().bytes);
      }
      try {
        await fetch("out?fd=" + fd, { method: "POST", headers, body: new Blob(parts) });
      } catch (e) {
        // wasmexec is gone: nobody is left to tell.
      }
    }
    flushing = null;
  }

  function output(fd, bytes) {
    queue.push({ fd, bytes: bytes.slice() });
    if (!flushing) {
      flushing = flush();
    }
  }

  // wasmexecFlush resolves once everything written so far has reached
  // wasmexec.
  globalThis.wasmexecFlush = async () => {
    while (flushing) {
      await flushing;
    }
  };

  // ---- the file system -------------------------------------------------------

  // call runs a file operation in wasmexec (fs.go): JSON in, JSON or
  // bytes out, or an error with a Node.js code that syscall/js maps.
  function call(op, args, callback, opts = {}) {
    const url = "fs/" + op + (opts.query ? "?" + new URLSearchParams(opts.query) : "");
    fetch(url, { method: "POST", headers, body: opts.body || JSON.stringify(args) })
      .then(async (resp) => {
        if (!resp.ok) {
          const e = await resp.json();
          callback(errno(e.code, e.message));
          return;
        }
        callback(null, opts.binary ? new Uint8Array(await resp.arrayBuffer()) : await resp.json());
      })
      .catch((e) => callback(errno("EIO", String(e))));
  }

  function stats(st) {
    st.isDirectory = () => st.dir;
    st.isFile = () => !st.dir;
    return st;
  }

  const done = (callback) => (err) => callback(err);
  const unsupported = (...args) => args[args.length - 1](errno("ENOSYS", "wasmexec does not offer this file operation"));

  globalThis.fs = {
    // Linux's values, which fs.go decodes.
    constants: { O_WRONLY: 0o1, O_RDWR: 0o2, O_CREAT: 0o100, O_EXCL: 0o200, O_TRUNC: 0o1000, O_APPEND: 0o2000, O_DIRECTORY: 0o200000 },
    writeSync(fd, buf) {
      if (fd !== 1 && fd !== 2) {
        throw errno("EBADF", "writeSync is for standard output and error only");
      }
      output(fd, buf);
      return buf.length;
    },
    write(fd, buf, offset, length, position, callback) {
      const bytes = buf.subarray(offset, offset + length);
      if (fd === 1 || fd === 2) {
        output(fd, bytes);
        callback(null, length);
        return;
      }
      const query = position === null || position === undefined ? { fd } : { fd, position };
      call("write", null, (err, r) => callback(err, r && r.n), { query, body: bytes.slice() });
    },
    read(fd, buffer, offset, length, position, callback) {
      call("read", { fd, length, position }, (err, bytes) => {
        if (err) {
          callback(err);
          return;
        }
        buffer.set(bytes, offset);
        callback(null, bytes.length);
      }, { binary: true });
    },
    open(path, flags, mode, callback) { call("open", { path, flags, mode }, (err, r) => callback(err, r && r.fd)); },
    close(fd, callback) { call("close", { fd }, done(callback)); },
    fstat(fd, callback) { call("fstat", { fd }, (err, st) => callback(err, st && stats(st))); },
    stat(path, callback) { call("stat", { path }, (err, st) => callback(err, st && stats(st))); },
    lstat(path, callback) { call("lstat", { path }, (err, st) => callback(err, st && stats(st))); },
    readdir(path, callback) { call("readdir", { path }, (err, r) => callback(err, r && r.names)); },
    readlink(path, callback) { call("readlink", { path }, (err, r) => callback(err, r && r.target)); },
    mkdir(path, mode, callback) { call("mkdir", { path, mode }, done(callback)); },
    unlink(path, callback) { call("unlink", { path }, done(callback)); },
    rmdir(path, callback) { call("rmdir", { path }, done(callback)); },
    rename(from, to, callback) { call("rename", { from, to }, done(callback)); },
    chmod(path, mode, callback) { call("chmod", { path, mode }, done(callback)); },
    fchmod(fd, mode, callback) { call("fchmod", { fd, mode }, done(callback)); },
    ftruncate(fd, length, callback) { call("ftruncate", { fd, length }, done(callback)); },
    utimes(path, atime, mtime, callback) { call("utimes", { path, atime, mtime }, done(callback)); },
    fsync(fd, callback) { callback(null); },
    chown: unsupported, fchown: unsupported, lchown: unsupported, link: unsupported,
    symlink: unsupported, truncate: unsupported,
  };

  const enosys = () => { throw errno("ENOSYS"); };
  globalThis.process = {
    getuid() { return -1; },
    getgid() { return -1; },
    geteuid() { return -1; },
    getegid() { return -1; },
    getgroups: enosys,
    pid: -1,
    ppid: -1,
    umask: enosys,
    cwd() { return cfg.cwd; },
    chdir: enosys,
  };
})();
