//go:build !js

// Command server serves the closeshim demo: the pages of a directory and
// the /ws endpoint that closes WebSockets in every way (see package
// internal/closeserver for the /ws query). It listens on loopback by
// default, prints "closeshim demo: http://HOST:PORT/" once it listens and
// shuts down cleanly on SIGINT or SIGTERM.
//
//	go run ./web/server [-addr 127.0.0.1:8080] [-dir web] [-origins 'localhost:*']
//
// The default of -addr comes from the environment variable ADDR, else
// 127.0.0.1:8080; a port of 0 picks a free port and prints it.
package main

import (
	"context"
	"flag"
	"fmt"
	"io"
	"net"
	"os"
	"os/signal"
	"syscall"

	"github.com/closeshim/closeshim/internal/closeserver"
)

func main() {
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()
	if err := run(ctx, os.Args[1:], os.Stdout); err != nil {
		fmt.Fprintln(os.Stderr, "closeshim demo:", err)
		stop()
		os.Exit(1)
	}
}

// run parses args, serves until ctx ends and reports where it listens on
// out.
func run(ctx context.Context, args []string, out io.Writer) error {
	flags := flag.NewFlagSet("server", flag.ContinueOnError)
	addr := flags.String("addr", defaultAddr(), "address to listen on (default $ADDR, else loopback port 8080)")
	dir := flags.String("dir", "web", "directory of static files to serve")
	origins := flags.String("origins", "", "comma-separated extra origin patterns allowed to open WebSockets, e.g. 'localhost:*'")
	if err := flags.Parse(args); err != nil {
		return err
	}
	if flags.NArg() > 0 {
		return fmt.Errorf("unexpected arguments %q", flags.Args())
	}

	srv, err := closeserver.New(closeserver.Options{Dir: *dir, OriginPatterns: closeserver.SplitPatterns(*origins)})
	if err != nil {
		return err
	}
	ln, err := net.Listen("tcp", *addr)
	if err != nil {
		srv.Shutdown(ctx)
		return err
	}
	fmt.Fprintf(out, "closeshim demo: %s/\n", closeserver.BaseURL(ln.Addr()))
	return srv.Serve(ctx, ln)
}

// defaultAddr is $ADDR, else loopback: a server that closes sockets on
// request has no business on the network unless asked.
func defaultAddr() string {
	if a := os.Getenv("ADDR"); a != "" {
		return a
	}
	return "127.0.0.1:8080"
}
