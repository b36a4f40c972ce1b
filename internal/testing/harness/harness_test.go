//go:build !js

package harness

import (
	"context"
	"maps"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/closeshim/closeshim/internal/testing/engine"
)

// harnessTimeout bounds one engine's harness run, the browser's start-up
// included. A run takes seconds; the margin is for small, busy machines.
const harnessTimeout = 5 * time.Minute

// TestHarness runs web/test/harness.html in every engine (a subtest each):
// every member of the JS API, in the page and in a Web Worker, against
// native CloseEvents and real sockets to a closeserver. It fails on any
// failure the page reports in any engine, and lists them all.
func TestHarness(t *testing.T) {
	base := serve(t, siteDir(t))
	for _, name := range engine.Names {
		t.Run(name, func(t *testing.T) {
			e := newEngine(t, name)
			ctx, cancel := context.WithTimeout(context.Background(), harnessTimeout)
			defer cancel()
			res, err := engine.Run(ctx, e, base+"/test/harness.html")
			if err != nil {
				t.Fatalf("running the harness in %s: %v\nconsole:\n%s", name, err, strings.Join(res.Console, "\n"))
			}
			for _, d := range res.Deviations {
				t.Logf("expected deviation: %s", d)
			}
			for _, g := range slices.Sorted(maps.Keys(res.Groups)) {
				t.Logf("%4d passed  %s", res.Groups[g], g)
			}
			t.Logf("harness in %s (%s): %s in %v", name, res.Version, res.Summary(), res.Elapsed.Round(time.Millisecond))
			if err := res.Err(); err != nil {
				t.Errorf("harness in %s: %v\nconsole:\n%s", name, err, strings.Join(res.Console, "\n"))
			}
		})
	}
}

// TestHostilePage runs web/test/hostile.html in every engine (a subtest each):
// every member of the JS API on the clean page, then after the page put
// throwing getters and setters on Object.prototype, Array.prototype and
// Function.prototype for every name the shim reads or writes
// (internal/testing/hostile). It fails on any result that differs, and on
// any exception that escaped to the page.
func TestHostilePage(t *testing.T) {
	base := serve(t, siteDir(t))
	for _, name := range engine.Names {
		t.Run(name, func(t *testing.T) {
			e := newEngine(t, name)
			ctx, cancel := context.WithTimeout(context.Background(), harnessTimeout)
			defer cancel()
			res, err := engine.Run(ctx, e, base+"/test/hostile.html")
			if err != nil {
				t.Fatalf("running the hostile page in %s: %v\nconsole:\n%s", name, err, strings.Join(res.Console, "\n"))
			}
			for _, line := range res.Console {
				t.Log(line)
			}
			t.Logf("hostile page in %s (%s): %s in %v", name, res.Version, res.Summary(), res.Elapsed.Round(time.Millisecond))
			if err := res.Err(); err != nil {
				t.Errorf("hostile page in %s: %v", name, err)
			}
		})
	}
}
