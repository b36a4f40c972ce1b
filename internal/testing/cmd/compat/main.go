//go:build !js

// Command compat runs web/test/compat.html, the engine record, in every browser
// engine and prints what each engine itself reports on a fixed list of
// close scenarios as Markdown tables, one column per engine with its
// version, next to what the specifications ask. With -out it also writes
// them to a file; make compat writes docs/compat.md:
//
//	go run ./internal/cmd/compat [-engines chromium,firefox,webkit] [-dir web] [-out docs/compat.md]
//
// It serves -dir with the project's server on a free loopback port and runs
// the engines one after another, each in a fresh browser. An engine that is
// not installed is an error unless -skip-missing is given. It prints each
// engine's run time on stderr and records it in the file.
package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"net"
	"os"
	"strings"
	"time"

	"github.com/closeshim/closeshim/internal/closeserver"
	"github.com/closeshim/closeshim/internal/testing/engine"
	"github.com/closeshim/closeshim/internal/testing/harness"
)

func main() {
	if err := run(os.Args[1:], os.Stdout, os.Stderr); err != nil {
		fmt.Fprintln(os.Stderr, "compat:", err)
		os.Exit(1)
	}
}

// run runs the command: the Markdown goes to stdout, progress to stderr.
func run(args []string, stdout, stderr io.Writer) error {
	flags := flag.NewFlagSet("compat", flag.ContinueOnError)
	flags.SetOutput(stderr)
	engines := flags.String("engines", strings.Join(engine.Names, ","), "comma-separated engines to run, in column order")
	dir := flags.String("dir", "web", "directory to serve (web/, with compat.html and compat.js)")
	out := flags.String("out", "", "also write the Markdown to this file, such as docs/compat.md")
	timeout := flags.Duration("timeout", 5*time.Minute, "bound on each engine's run, start-up included")
	skipMissing := flags.Bool("skip-missing", false, "leave out engines that are not installed instead of failing")
	if err := flags.Parse(args); err != nil {
		return err
	}
	if flags.NArg() > 0 {
		return fmt.Errorf("unexpected arguments %q", flags.Args())
	}

	srv, err := closeserver.New(closeserver.Options{Dir: *dir})
	if err != nil {
		return err
	}
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		return err
	}
	ctx, stop := context.WithCancel(context.Background())
	served := make(chan error, 1)
	go func() { served <- srv.Serve(ctx, ln) }()
	defer func() {
		stop()
		<-served
	}()
	base := closeserver.BaseURL(ln.Addr())

	var records []harness.CompatRecord
	for _, name := range strings.Split(*engines, ",") {
		name = strings.TrimSpace(name)
		e, err := engine.New(name)
		if errors.Is(err, engine.ErrNoBrowser) && *skipMissing {
			fmt.Fprintf(stderr, "compat: skipping %s: %v\n", name, err)
			continue
		}
		if err != nil {
			return err
		}
		rctx, cancel := context.WithTimeout(ctx, *timeout)
		rec, err := harness.RunCompat(rctx, e, base)
		cancel()
		if err != nil {
			return fmt.Errorf("%s: %w", name, err)
		}
		fmt.Fprintf(stderr, "compat: %s (%s): %d scenarios, %d differ from the spec, in %.1f s\n",
			name, rec.Version, len(rec.Scenarios), len(rec.Differing()), rec.Elapsed.Seconds())
		records = append(records, rec)
	}
	md, err := harness.CompatMarkdown(records)
	if err != nil {
		return err
	}
	fmt.Fprint(stdout, md)
	if *out != "" {
		if err := os.WriteFile(*out, []byte(md), 0o644); err != nil {
			return err
		}
		fmt.Fprintf(stderr, "compat: wrote %s\n", *out)
	}
	return nil
}
