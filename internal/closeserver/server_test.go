//go:build !js

package closeserver

import (
	"context"
	"errors"
	"net"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"
	"time"

	"github.com/coder/websocket"
)

func TestNew_RejectsBadOptions(t *testing.T) {
	file := filepath.Join(t.TempDir(), "file")
	if err := os.WriteFile(file, nil, 0o644); err != nil {
		t.Fatal(err)
	}
	cases := []struct {
		name string
		opts Options
		want string
	}{
		{"NegativeMaxConns", Options{MaxConns: -1}, "MaxConns is negative"},
		{"MalformedOriginPattern", Options{OriginPatterns: []string{"localhost:*", "[127.0.0.1"}}, `bad origin pattern "[127.0.0.1"`},
		{"MissingDir", Options{Dir: filepath.Join(t.TempDir(), "nope")}, "static files:"},
		{"DirIsAFile", Options{Dir: file}, "static files:"},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			srv, err := New(tc.opts)
			if err == nil {
				srv.Shutdown(context.Background())
				t.Fatalf("New(%+v) succeeded, want an error containing %q", tc.opts, tc.want)
			}
			if !strings.Contains(err.Error(), tc.want) {
				t.Errorf("New(%+v) error %q, want it to contain %q", tc.opts, err, tc.want)
			}
		})
	}
}

func TestNew_Defaults(t *testing.T) {
	srv, err := New(Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer srv.Shutdown(context.Background())
	if srv.limiter.max != DefaultMaxConns || srv.csp != DefaultContentSecurityPolicy || srv.stallLimit != StallLimit {
		t.Errorf("New(Options{}): max %d, csp %q, stall %v; want %d, the default CSP, %v",
			srv.limiter.max, srv.csp, srv.stallLimit, DefaultMaxConns, StallLimit)
	}
}

func TestServe_ShutsDownWhenContextEnds(t *testing.T) {
	srv, err := New(Options{})
	if err != nil {
		t.Fatal(err)
	}
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	served := make(chan error, 1)
	go func() { served <- srv.Serve(ctx, ln) }()

	u, err := WebSocketURL(BaseURL(ln.Addr()), Plan{})
	if err != nil {
		t.Fatal(err)
	}
	dctx, dcancel := context.WithTimeout(context.Background(), 5*time.Second)
	defer dcancel()
	c, _, err := websocket.Dial(dctx, u, nil)
	if err != nil {
		t.Fatalf("Dial(%s): %v", u, err)
	}
	defer c.CloseNow()

	cancel()
	_, _, err = c.Read(dctx)
	var ce websocket.CloseError
	if !errors.As(err, &ce) || ce.Code != websocket.StatusGoingAway || ce.Reason != shutdownReason {
		t.Errorf("echo connection on shutdown: got %v, want close 1001 %q", err, shutdownReason)
	}
	select {
	case err := <-served:
		if err != nil {
			t.Errorf("Serve: got %v, want nil after a shutdown by its context", err)
		}
	case <-time.After(5 * time.Second):
		t.Fatal("Serve still runs 5 s after its context ended")
	}
	if conn, err := net.DialTimeout("tcp", ln.Addr().String(), time.Second); err == nil {
		conn.Close()
		t.Errorf("the listener still accepts after Serve returned")
	}
}

func TestServe_ReturnsListenerError(t *testing.T) {
	srv, err := New(Options{})
	if err != nil {
		t.Fatal(err)
	}
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	ln.Close()
	done := make(chan error, 1)
	go func() { done <- srv.Serve(context.Background(), ln) }()
	select {
	case err := <-done:
		if err == nil || !errors.Is(err, net.ErrClosed) {
			t.Errorf("Serve on a closed listener: got %v, want an error wrapping net.ErrClosed", err)
		}
	case <-time.After(5 * time.Second):
		t.Fatal("Serve on a closed listener did not return")
	}
}

func TestBaseURL(t *testing.T) {
	cases := []struct {
		addr net.Addr
		want string
	}{
		{&net.TCPAddr{IP: net.IPv4(127, 0, 0, 1), Port: 8080}, "http://127.0.0.1:8080"},
		{&net.TCPAddr{IP: net.IPv6loopback, Port: 8080}, "http://[::1]:8080"},
		{&net.TCPAddr{IP: net.IPv4zero, Port: 41234}, "http://localhost:41234"},
		{&net.TCPAddr{IP: net.IPv6unspecified, Port: 80}, "http://localhost:80"},
		{&net.TCPAddr{Port: 80}, "http://localhost:80"},
	}
	for _, tc := range cases {
		if got := BaseURL(tc.addr); got != tc.want {
			t.Errorf("BaseURL(%v) = %q, want %q", tc.addr, got, tc.want)
		}
	}
}

func TestSplitPatterns(t *testing.T) {
	cases := []struct {
		in   string
		want []string
	}{
		{"", nil},
		{" , ,", nil},
		{"localhost:*", []string{"localhost:*"}},
		{"localhost:*, 127.0.0.1:*,", []string{"localhost:*", "127.0.0.1:*"}},
	}
	for _, tc := range cases {
		if got := SplitPatterns(tc.in); !reflect.DeepEqual(got, tc.want) {
			t.Errorf("SplitPatterns(%q) = %q, want %q", tc.in, got, tc.want)
		}
	}
}
