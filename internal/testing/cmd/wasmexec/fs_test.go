//go:build !js

package main

import (
	"os"
	"path/filepath"
	"testing"
)

// TestHost_FileRules checks the file system's rules without a browser:
// reads in the working directory, writes only in $TMPDIR, nothing outside,
// and no way out through a symbolic link.
func TestHost_FileRules(t *testing.T) {
	cwd, tmp, outside := t.TempDir(), t.TempDir(), t.TempDir()
	if err := os.WriteFile(filepath.Join(cwd, "in.txt"), []byte("in"), 0o644); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(outside, "secret.txt"), []byte("secret"), 0o644); err != nil {
		t.Fatal(err)
	}
	if err := os.Symlink(outside, filepath.Join(cwd, "link")); err != nil {
		t.Fatal(err)
	}
	h, err := newHost(hostConfig{cwd: cwd, tmp: tmp})
	if err != nil {
		t.Fatal(err)
	}
	defer h.close()

	tests := []struct {
		name    string
		op      string
		req     fsRequest
		wantErr string // errnoName of the error; "" for success
	}{
		{"read a file in cwd", "open", fsRequest{Path: "in.txt"}, ""},
		{"read by absolute path", "open", fsRequest{Path: filepath.Join(cwd, "in.txt")}, ""},
		{"stat a missing file", "stat", fsRequest{Path: "missing"}, "ENOENT"},
		{"write in cwd", "open", fsRequest{Path: "new.txt", Flags: jsWRONLY | jsCREAT}, "EROFS"},
		{"mkdir in cwd", "mkdir", fsRequest{Path: "d", Mode: 0o755}, "EROFS"},
		{"remove in cwd", "unlink", fsRequest{Path: "in.txt"}, "EROFS"},
		{"read outside", "open", fsRequest{Path: filepath.Join(outside, "secret.txt")}, "EACCES"},
		{"read above cwd", "open", fsRequest{Path: "../x"}, "EACCES"},
		{"out through a symlink", "open", fsRequest{Path: "link/secret.txt"}, "EACCES"},
		{"create in tmp", "open", fsRequest{Path: filepath.Join(tmp, "f"), Flags: jsRDWR | jsCREAT | jsEXCL, Mode: 0o600}, ""},
		{"create again with O_EXCL", "open", fsRequest{Path: filepath.Join(tmp, "f"), Flags: jsRDWR | jsCREAT | jsEXCL}, "EEXIST"},
		{"mkdir in tmp", "mkdir", fsRequest{Path: filepath.Join(tmp, "d"), Mode: 0o755}, ""},
		{"rename from tmp into cwd", "rename", fsRequest{From: filepath.Join(tmp, "f"), To: filepath.Join(cwd, "f")}, "EROFS"},
		{"remove in tmp", "unlink", fsRequest{Path: filepath.Join(tmp, "d")}, ""},
		{"an unknown op", "chown", fsRequest{Path: "in.txt"}, "ENOSYS"},
	}
	for _, tt := range tests {
		_, err := h.fsOp(tt.op, tt.req)
		got := ""
		if err != nil {
			got = errnoName(err)
		}
		if got != tt.wantErr {
			t.Errorf("%s: %s(%+v) = %v (%s), want %q", tt.name, tt.op, tt.req, err, got, tt.wantErr)
		}
	}
	if _, err := os.Stat(filepath.Join(cwd, "new.txt")); !os.IsNotExist(err) {
		t.Errorf("a file was created in cwd: %v", err)
	}
}

func TestOSFlags(t *testing.T) {
	tests := []struct {
		js    int
		flag  int
		write bool
	}{
		{0, os.O_RDONLY, false},
		{jsWRONLY | jsCREAT | jsTRUNC, os.O_WRONLY | os.O_CREATE | os.O_TRUNC, true},
		{jsRDWR | jsCREAT | jsEXCL, os.O_RDWR | os.O_CREATE | os.O_EXCL, true},
		{jsWRONLY | jsAPPEND, os.O_WRONLY | os.O_APPEND, true},
		{jsDIRECTORY, os.O_RDONLY, false},
	}
	for _, tt := range tests {
		if flag, write := osFlags(tt.js); flag != tt.flag || write != tt.write {
			t.Errorf("osFlags(%#o) = %#o, %v; want %#o, %v", tt.js, flag, write, tt.flag, tt.write)
		}
	}
}
