//go:build !js

package main

import (
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"net/http"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"syscall"
	"time"
)

// The program's file system, as Node.js's fs API that syscall/js calls
// (host.js forwards each call here):
//
//   - the directory wasmexec runs in (the package's, under go test) is
//     read-only: a test reads its testdata;
//   - a temporary directory of wasmexec's own, the program's $TMPDIR, is
//     read-write: testing writes an example's output there, t.TempDir
//     makes directories there; wasmexec removes it at the end;
//   - any other path fails with EACCES, writes outside $TMPDIR with EROFS.
//
// Every path goes through an os.Root, so symbolic links cannot lead out.

// The open flags host.js announces in fs.constants: Linux's values.
const (
	jsWRONLY    = 0o1
	jsRDWR      = 0o2
	jsCREAT     = 0o100
	jsEXCL      = 0o200
	jsTRUNC     = 0o1000
	jsAPPEND    = 0o2000
	jsDIRECTORY = 0o200000
)

// osFlags turns host.js's open flags into os.OpenFile's.
func osFlags(js int) (flag int, write bool) {
	switch {
	case js&jsRDWR != 0:
		flag = os.O_RDWR
	case js&jsWRONLY != 0:
		flag = os.O_WRONLY
	default:
		flag = os.O_RDONLY
	}
	for _, f := range [][2]int{{jsCREAT, os.O_CREATE}, {jsEXCL, os.O_EXCL}, {jsTRUNC, os.O_TRUNC}, {jsAPPEND, os.O_APPEND}} {
		if js&f[0] != 0 {
			flag |= f[1]
		}
	}
	return flag, flag&(os.O_WRONLY|os.O_RDWR|os.O_CREATE|os.O_TRUNC|os.O_APPEND) != 0
}

// fsRequest is the JSON of a /fs/OP request; each op uses some fields.
type fsRequest struct {
	Path     string `json:"path"`
	From     string `json:"from"`
	To       string `json:"to"`
	FD       int    `json:"fd"`
	Flags    int    `json:"flags"`
	Mode     uint32 `json:"mode"`
	Length   int64  `json:"length"`
	Position *int64 `json:"position"`
	Atime    int64  `json:"atime"` // seconds
	Mtime    int64  `json:"mtime"`
}

// maxRead bounds one read: Go reads in pieces of its own choosing anyway.
const maxRead = 16 << 20

// errReadOnly is the error of a write outside $TMPDIR.
var errReadOnly = &fs.PathError{Op: "write", Err: syscall.EROFS}

// place is a path resolved to the root it lives under.
type place struct {
	root     *os.Root
	rel      string
	writable bool
}

// resolve finds the root of the program's path p: absolute, or relative
// to the working directory.
func (h *host) resolve(p string) (place, error) {
	if !filepath.IsAbs(p) {
		p = filepath.Join(h.cfg.cwd, p)
	}
	p = filepath.Clean(p)
	if rel, ok := within(h.cfg.tmp, p); ok {
		return place{h.tmp, rel, true}, nil
	}
	if rel, ok := within(h.cfg.cwd, p); ok {
		return place{h.root, rel, false}, nil
	}
	return place{}, &fs.PathError{Op: "open", Path: p, Err: fs.ErrPermission}
}

// within returns p relative to dir when p is dir or below it.
func within(dir, p string) (string, bool) {
	rel, err := filepath.Rel(dir, p)
	if err != nil || rel == ".." || strings.HasPrefix(rel, ".."+string(filepath.Separator)) {
		return "", false
	}
	return rel, true
}

func (h *host) writable(p string) (place, error) {
	pl, err := h.resolve(p)
	if err == nil && !pl.writable {
		err = errReadOnly
	}
	return pl, err
}

// fs runs one file operation for the program, answering JSON (or the
// bytes read), or an error with Node.js's code, which syscall/js maps to
// Go's errors.
func (h *host) fs(w http.ResponseWriter, r *http.Request, op string) {
	if op == "write" {
		h.write(w, r)
		return
	}
	var req fsRequest
	if err := json.NewDecoder(r.Body).Decode(&req); err != nil {
		fsError(w, err)
		return
	}
	if op == "read" {
		h.read(w, req)
		return
	}
	out, err := h.fsOp(op, req)
	if err != nil {
		fsError(w, err)
		return
	}
	if out == nil {
		out = struct{}{}
	}
	w.Header().Set("Content-Type", "application/json")
	json.NewEncoder(w).Encode(out)
}

func (h *host) fsOp(op string, req fsRequest) (any, error) {
	switch op {
	case "open":
		return h.open(req.Path, req.Flags, req.Mode)
	case "close":
		f, err := h.take(req.FD)
		if err != nil {
			return nil, err
		}
		return nil, f.Close()
	case "fstat":
		f, err := h.file(req.FD)
		if err != nil {
			return nil, err
		}
		return statOf(f.Stat())
	case "stat", "lstat":
		pl, err := h.resolve(req.Path)
		if err != nil {
			return nil, err
		}
		if op == "stat" {
			return statOf(pl.root.Stat(pl.rel))
		}
		return statOf(pl.root.Lstat(pl.rel))
	case "readdir":
		return h.readdir(req.Path)
	case "readlink":
		pl, err := h.resolve(req.Path)
		if err != nil {
			return nil, err
		}
		target, err := pl.root.Readlink(pl.rel)
		return map[string]string{"target": target}, err
	case "mkdir":
		pl, err := h.writable(req.Path)
		if err != nil {
			return nil, err
		}
		return nil, pl.root.Mkdir(pl.rel, fs.FileMode(req.Mode).Perm())
	case "unlink", "rmdir":
		// os.Root.Remove removes a file or an empty directory, as
		// os.Remove does with unlink then rmdir.
		pl, err := h.writable(req.Path)
		if err != nil {
			return nil, err
		}
		return nil, pl.root.Remove(pl.rel)
	case "rename":
		from, err := h.writable(req.From)
		if err != nil {
			return nil, err
		}
		to, err := h.writable(req.To)
		if err != nil {
			return nil, err
		}
		return nil, from.root.Rename(from.rel, to.rel)
	case "chmod":
		pl, err := h.writable(req.Path)
		if err != nil {
			return nil, err
		}
		return nil, pl.root.Chmod(pl.rel, fs.FileMode(req.Mode).Perm())
	case "utimes":
		pl, err := h.writable(req.Path)
		if err != nil {
			return nil, err
		}
		return nil, pl.root.Chtimes(pl.rel, time.Unix(req.Atime, 0), time.Unix(req.Mtime, 0))
	case "ftruncate":
		f, err := h.writableFile(req.FD)
		if err != nil {
			return nil, err
		}
		return nil, f.Truncate(req.Length)
	case "fchmod":
		f, err := h.writableFile(req.FD)
		if err != nil {
			return nil, err
		}
		return nil, f.Chmod(fs.FileMode(req.Mode).Perm())
	}
	return nil, &fs.PathError{Op: op, Path: req.Path, Err: syscall.ENOSYS}
}

// openFile is a file the program has open, and whether it may write.
type openFile struct {
	*os.File
	writable bool
}

func (h *host) open(p string, jsFlags int, mode uint32) (any, error) {
	pl, err := h.resolve(p)
	if err != nil {
		return nil, err
	}
	flag, write := osFlags(jsFlags)
	if write && !pl.writable {
		return nil, errReadOnly
	}
	f, err := pl.root.OpenFile(pl.rel, flag, fs.FileMode(mode).Perm())
	if err != nil {
		return nil, err
	}
	if jsFlags&jsDIRECTORY != 0 {
		if fi, err := f.Stat(); err == nil && !fi.IsDir() {
			f.Close()
			return nil, &fs.PathError{Op: "open", Path: p, Err: syscall.ENOTDIR}
		}
	}
	h.mu.Lock()
	fd := h.nextFD
	h.nextFD++
	h.files[fd] = openFile{f, pl.writable}
	h.mu.Unlock()
	return map[string]int{"fd": fd}, nil
}

func (h *host) file(fd int) (*os.File, error) {
	h.mu.Lock()
	defer h.mu.Unlock()
	if f, ok := h.files[fd]; ok {
		return f.File, nil
	}
	return nil, syscall.EBADF
}

func (h *host) writableFile(fd int) (*os.File, error) {
	h.mu.Lock()
	defer h.mu.Unlock()
	f, ok := h.files[fd]
	if !ok {
		return nil, syscall.EBADF
	}
	if !f.writable {
		return nil, errReadOnly
	}
	return f.File, nil
}

// take removes fd from the open files and returns its file.
func (h *host) take(fd int) (*os.File, error) {
	h.mu.Lock()
	defer h.mu.Unlock()
	f, ok := h.files[fd]
	if !ok {
		return nil, syscall.EBADF
	}
	delete(h.files, fd)
	return f.File, nil
}

func (h *host) readdir(p string) (any, error) {
	pl, err := h.resolve(p)
	if err != nil {
		return nil, err
	}
	f, err := pl.root.Open(pl.rel)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	names, err := f.Readdirnames(-1)
	if err != nil {
		return nil, err
	}
	slices.Sort(names)
	return map[string][]string{"names": names}, nil
}

// read answers with the bytes read, none at the end of the file.
func (h *host) read(w http.ResponseWriter, req fsRequest) {
	f, err := h.file(req.FD)
	if err != nil {
		fsError(w, err)
		return
	}
	buf := make([]byte, min(max(req.Length, 0), maxRead))
	var n int
	if req.Position != nil {
		n, err = f.ReadAt(buf, *req.Position)
	} else {
		n, err = f.Read(buf)
	}
	if err != nil && !errors.Is(err, io.EOF) {
		fsError(w, err)
		return
	}
	w.Header().Set("Content-Type", "application/octet-stream")
	w.Header().Set("Content-Length", strconv.Itoa(n))
	w.Write(buf[:n])
}

// write writes the request's body to the file ?fd=, at ?position= when
// given, and answers {"n": bytes written}.
func (h *host) write(w http.ResponseWriter, r *http.Request) {
	q := r.URL.Query()
	fd, err := strconv.Atoi(q.Get("fd"))
	if err != nil {
		fsError(w, &fs.PathError{Op: "write", Err: syscall.EBADF})
		return
	}
	f, err := h.writableFile(fd)
	if err != nil {
		fsError(w, err)
		return
	}
	data, err := io.ReadAll(io.LimitReader(r.Body, maxRead))
	if err != nil {
		fsError(w, err)
		return
	}
	var n int
	if p := q.Get("position"); p != "" {
		var pos int64
		if pos, err = strconv.ParseInt(p, 10, 64); err == nil {
			n, err = f.WriteAt(data, pos)
		}
	} else {
		n, err = f.Write(data)
	}
	if err != nil {
		fsError(w, err)
		return
	}
	w.Header().Set("Content-Type", "application/json")
	json.NewEncoder(w).Encode(map[string]int{"n": n})
}

// statOf is Node.js's fs.Stats as syscall/js reads it (Unix mode bits,
// times in milliseconds), plus dir for isDirectory(). Device and inode
// numbers are zero.
func statOf(fi os.FileInfo, err error) (any, error) {
	if err != nil {
		return nil, err
	}
	const (
		sIFREG = 0o100000
		sIFDIR = 0o040000
		sIFLNK = 0o120000
	)
	mode := uint32(fi.Mode().Perm())
	switch {
	case fi.IsDir():
		mode |= sIFDIR
	case fi.Mode()&fs.ModeSymlink != 0:
		mode |= sIFLNK
	default:
		mode |= sIFREG
	}
	ms := fi.ModTime().UnixMilli()
	return map[string]any{
		"dev": 0, "ino": 0, "mode": mode, "nlink": 1, "uid": 0, "gid": 0, "rdev": 0,
		"size": fi.Size(), "blksize": 4096, "blocks": (fi.Size() + 511) / 512,
		"atimeMs": ms, "mtimeMs": ms, "ctimeMs": ms, "dir": fi.IsDir(),
	}, nil
}

// errnoNames are the codes fsError gives, which syscall/js knows (it
// panics on a code it does not know).
var errnoNames = map[syscall.Errno]string{
	syscall.ENOENT: "ENOENT", syscall.EACCES: "EACCES", syscall.EPERM: "EPERM", syscall.EEXIST: "EEXIST",
	syscall.ENOTDIR: "ENOTDIR", syscall.EISDIR: "EISDIR", syscall.ENOTEMPTY: "ENOTEMPTY", syscall.ELOOP: "ELOOP",
	syscall.EINVAL: "EINVAL", syscall.EBADF: "EBADF", syscall.ENAMETOOLONG: "ENAMETOOLONG", syscall.EROFS: "EROFS",
	syscall.ENOSYS: "ENOSYS", syscall.EXDEV: "EXDEV",
}

// errnoName names err as Node.js does (ENOENT, EACCES...); EIO for
// anything else.
func errnoName(err error) string {
	var errno syscall.Errno
	if errors.As(err, &errno) {
		if name, ok := errnoNames[errno]; ok {
			return name
		}
	}
	switch {
	case errors.Is(err, fs.ErrNotExist):
		return "ENOENT"
	case errors.Is(err, fs.ErrExist):
		return "EEXIST"
	case errors.Is(err, fs.ErrPermission), strings.Contains(err.Error(), "escapes from parent"):
		// os.Root refuses a path that leaves its directory.
		return "EACCES"
	}
	return "EIO"
}

func fsError(w http.ResponseWriter, err error) {
	w.Header().Set("Content-Type", "application/json")
	w.WriteHeader(http.StatusBadRequest)
	json.NewEncoder(w).Encode(map[string]string{"code": errnoName(err), "message": fmt.Sprint(err)})
}
