//go:build !js

package harness

import (
	"context"
	"encoding/json"
	"maps"
	"net/url"
	"os"
	"slices"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/closeshim/closeshim/internal/closeserver"
	"github.com/closeshim/closeshim/internal/testing/engine"
	"github.com/closeshim/closeshim/internal/testing/enginetable"
)

// The environment variables TestReliability reads. They are the ones the
// js/wasm reliability tests in package closeevent read, so that `make
// soak` and a replayed seed mean the same on both sides.
const (
	// EnvSoak set to 1 runs the long variant: 10,000 sockets and
	// 1,000,000 hostile values.
	EnvSoak = "CLOSESHIM_SOAK"
	// EnvHostileSeed sets the seed of the page's hostile-value generator;
	// without it the page picks one and reports it.
	EnvHostileSeed = "CLOSESHIM_HOSTILE_SEED"
)

// reliabilityRun is the size of one run of web/test/reliability.html.
type reliabilityRun struct {
	burst, sockets, values int
	timeout                time.Duration
}

// The two runs. The default one holds the engine's limit of sockets at
// once, one past it, then 1,000 in waves of up to 200, and tries 20,000 values: its page takes about 35 s in
// headless Chromium on a 2-core machine, most of it Chromium opening
// sockets (about 5 s a wave). The timeouts bound a hang, not the expected
// time; the page's own bounds (a minute for a wave to open) report a stuck
// wave before them.
var (
	reliabilityFast = reliabilityRun{burst: 200, sockets: 1000, values: 20000, timeout: 5 * time.Minute}
	reliabilitySoak = reliabilityRun{burst: 200, sockets: 10000, values: 1000000, timeout: 30 * time.Minute}
)

// reliabilityResult is what web/test/reliability.html reports: the harness's
// Result, plus the figures it measured and the seed of its generator.
type reliabilityResult struct {
	engine.Result
	Figures []string `json:"figures"`
	Seed    uint32   `json:"seed"`
}

// TestReliability runs web/test/reliability.html in headless Chromium,
// Firefox and WebKit against a closeserver, handing the page its engine's
// row of internal/testing/enginetable: as many WebSockets held at once as
// the engine allows, one more past that limit (it must fire what the row
// says, and watch must report exactly that), and 1,000 more in waves, every
// close watched through closeevent.watch exactly once and exactly as sent;
// 200 clients of closeevent.reconnect back after a server restart, each
// engine within its own bound, not in lockstep;
// thousands of generated hostile values fed to closeevent.decode, each
// giving a plain object JavaScript confirms or the shim's TypeError, with
// the shim alive afterwards; and a close reason made of markup shown as
// text, never run. It fails on any failure the page reports and logs the
// page's figures (sockets, waves, milliseconds, values tried, seed).
//
// With CLOSESHIM_SOAK=1 it runs 10,000 sockets and 1,000,000 values;
// CLOSESHIM_HOSTILE_SEED=N replays the values of seed N.
func TestReliability(t *testing.T) {
	// The engines run at once: most of each run is waiting (for sockets
	// to open, for Firefox's own delay before it dials again), and each
	// has a browser and a server of its own.
	for _, name := range engine.Names {
		t.Run(name, func(t *testing.T) {
			t.Parallel()
			testReliability(t, name)
		})
	}
}

func testReliability(t *testing.T, name string) {
	row, ok := enginetable.Lookup(name)
	if !ok {
		t.Fatalf("internal/testing/enginetable has no row for %s", name)
	}
	e := newEngine(t, name)
	run := reliabilityFast
	if os.Getenv(EnvSoak) == "1" {
		run = reliabilitySoak
	}
	q := url.Values{
		"row":    {row.JSON()},
		"burst":  {strconv.Itoa(row.SocketLimit)},
		"wave":   {strconv.Itoa(row.Wave(run.burst))},
		"n":      {strconv.Itoa(run.sockets)},
		"values": {strconv.Itoa(run.values)},
	}
	if s := os.Getenv(EnvHostileSeed); s != "" {
		if _, err := strconv.ParseUint(s, 10, 32); err != nil {
			t.Fatalf("%s=%q: want a whole number below 2^32", EnvHostileSeed, s)
		}
		q.Set("seed", s)
	}
	base := serveWith(t, closeserver.Options{Dir: siteDir(t), Faults: true, OriginPatterns: []string{"127.0.0.1:*"}})
	pageURL := base + "/test/reliability.html?" + q.Encode()

	ctx, cancel := context.WithTimeout(context.Background(), run.timeout)
	defer cancel()
	res, err := runReliability(ctx, e, pageURL)
	if err != nil {
		t.Fatalf("running %s in %s: %v\nconsole:\n%s", pageURL, e.Name(), err, strings.Join(res.Console, "\n"))
	}
	for _, f := range res.Figures {
		t.Logf("figure: %s", f)
	}
	for _, g := range slices.Sorted(maps.Keys(res.Groups)) {
		t.Logf("%6d passed  %s", res.Groups[g], g)
	}
	t.Logf("reliability in %s (%s), seed %d (replay with %s=%d): %s in %v",
		e.Name(), res.Version, res.Seed, EnvHostileSeed, res.Seed, res.Summary(), res.Elapsed.Round(time.Millisecond))
	if err := res.Err(); err != nil {
		t.Errorf("reliability in %s, seed %d: %v\nconsole:\n%s", e.Name(), res.Seed, err, strings.Join(res.Console, "\n"))
	}
}

// runReliability runs pageURL with engine.Run and also reads the fields
// engine.Result leaves out.
func runReliability(ctx context.Context, e engine.Engine, pageURL string) (reliabilityResult, error) {
	base, err := engine.Run(ctx, e, pageURL)
	res := reliabilityResult{Result: base}
	if err != nil {
		return res, err
	}
	// The page's figures and seed; Run's own fields are json:"-", so
	// this leaves them as Run set them.
	if err := json.Unmarshal(base.Raw, &res); err != nil {
		return res, err
	}
	return res, nil
}
