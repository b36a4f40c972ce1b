//go:build !js

package main

import (
	"io"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/closeshim/closeshim/internal/testing/engine"
)

func TestRun_BadUsage(t *testing.T) {
	dir := filepath.Join("..", "..", "..", "..", "web")
	tests := []struct {
		args []string
		want string
	}{
		{[]string{"-dir", dir, "-engines", "lynx"}, "unknown engine"},
		{[]string{"-dir", dir, "extra"}, "unexpected arguments"},
		{[]string{"-dir", dir, "-engines", ""}, "unknown engine"},
	}
	for _, tt := range tests {
		err := run(tt.args, io.Discard, io.Discard)
		if err == nil || !strings.Contains(err.Error(), tt.want) {
			t.Errorf("run(%q) = %v, want an error mentioning %q", tt.args, err, tt.want)
		}
	}
}

// TestRun_OneEngine writes the record of one engine to a file.
func TestRun_OneEngine(t *testing.T) {
	if _, err := engine.New("chromium"); err != nil {
		if os.Getenv("CLOSESHIM_REQUIRE_BROWSER") != "" {
			t.Fatal(err)
		}
		t.Skip(err)
	}
	out := filepath.Join(t.TempDir(), "compat.md")
	if err := run([]string{"-dir", filepath.Join("..", "..", "..", "..", "web"), "-engines", "chromium", "-out", out}, io.Discard, io.Discard); err != nil {
		t.Fatal(err)
	}
	b, err := os.ReadFile(out)
	if err != nil {
		t.Fatal(err)
	}
	for _, want := range []string{"# What each engine reports on close", "| chromium | Chromium ", "## server closes", "## limits"} {
		if !strings.Contains(string(b), want) {
			t.Errorf("the file lacks %q", want)
		}
	}
}
