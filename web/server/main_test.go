//go:build !js

package main

import (
	"bufio"
	"context"
	"io"
	"net/http"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

func TestRun_PrintsURLServesAndStops(t *testing.T) {
	dir := t.TempDir()
	if err := os.WriteFile(filepath.Join(dir, "index.html"), []byte("<!doctype html>demo"), 0o644); err != nil {
		t.Fatal(err)
	}
	pr, pw := io.Pipe()
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	done := make(chan error, 1)
	go func() {
		done <- run(ctx, []string{"-addr", "127.0.0.1:0", "-dir", dir}, pw)
		pw.Close()
	}()

	line, err := bufio.NewReader(pr).ReadString('\n')
	if err != nil {
		t.Fatalf("reading the first line: %v", err)
	}
	const prefix = "closeshim demo: http://127.0.0.1:"
	if !strings.HasPrefix(line, prefix) || !strings.HasSuffix(line, "/\n") || strings.HasSuffix(line, ":0/\n") {
		t.Fatalf("first line %q, want %q followed by the real port and \"/\"", line, prefix)
	}
	go io.Copy(io.Discard, pr)
	url := strings.TrimPrefix(strings.TrimSuffix(line, "\n"), "closeshim demo: ")

	resp, err := http.Get(url)
	if err != nil {
		t.Fatalf("GET %s: %v", url, err)
	}
	body, _ := io.ReadAll(resp.Body)
	resp.Body.Close()
	if resp.StatusCode != http.StatusOK || string(body) != "<!doctype html>demo" {
		t.Errorf("GET %s: %d %q, want 200 with the index page", url, resp.StatusCode, body)
	}
	resp, err = http.Get(url + "ws?close=1005")
	if err != nil {
		t.Fatalf("GET /ws?close=1005: %v", err)
	}
	resp.Body.Close()
	if resp.StatusCode != http.StatusBadRequest {
		t.Errorf("GET /ws?close=1005: %d, want 400", resp.StatusCode)
	}

	cancel()
	select {
	case err := <-done:
		if err != nil {
			t.Errorf("run after its context ended: got %v, want nil", err)
		}
	case <-time.After(5 * time.Second):
		t.Fatal("run still runs 5 s after its context ended")
	}
}

func TestRun_RejectsBadFlags(t *testing.T) {
	cases := [][]string{
		{"-nope"},
		{"-dir", filepath.Join(t.TempDir(), "missing")},
		{"-origins", "[x", "-dir", t.TempDir()},
		{"-dir", t.TempDir(), "extra"},
		{"-addr", "127.0.0.1:-1", "-dir", t.TempDir()},
	}
	for _, args := range cases {
		if err := run(context.Background(), args, io.Discard); err == nil {
			t.Errorf("run(%q) = nil, want an error", args)
		}
	}
}

func TestDefaultAddr(t *testing.T) {
	t.Setenv("ADDR", "")
	if got := defaultAddr(); got != "127.0.0.1:8080" {
		t.Errorf("defaultAddr() with ADDR unset = %q, want loopback 127.0.0.1:8080", got)
	}
	t.Setenv("ADDR", "127.0.0.1:9999")
	if got := defaultAddr(); got != "127.0.0.1:9999" {
		t.Errorf("defaultAddr() with ADDR=127.0.0.1:9999 = %q, want it", got)
	}
}
