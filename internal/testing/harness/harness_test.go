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
	runInEachEngine(t, "/test/harness.html", "harness", func(t *testing.T, res engine.Result) {
		for _, d := range res.Deviations {
			t.Logf("expected deviation: %s", d)
		}
		for _, g := range slices.Sorted(maps.Keys(res.Groups)) {
			t.Logf("%4d passed  %s", res.Groups[g], g)
		}
	})
}

// TestHostilePage runs web/test/hostile.html in every engine (a subtest each):
// every member of the JS API on the clean page, then after the page put
// throwing getters and setters on Object.prototype, Array.prototype and
// Function.prototype for every name the shim reads or writes
// (internal/testing/hostile). It fails on any result that differs, and on
// any exception that escaped to the page.
func TestHostilePage(t *testing.T) {
	runInEachEngine(t, "/test/hostile.html", "hostile page", func(t *testing.T, res engine.Result) {
		for _, line := range res.Console {
			t.Log(line)
		}
	})
}

// runInEachEngine runs the page at path of the site in every engine, a
// subtest each, hands what the page reported to logResult, and fails the
// subtest when the page cannot run or reports a failure; what names the
// page in messages.
func runInEachEngine(t *testing.T, path, what string, logResult func(*testing.T, engine.Result)) {
	base := serve(t, siteDir(t))
	for _, name := range engine.Names {
		t.Run(name, func(t *testing.T) {
			e := newEngine(t, name)
			ctx, cancel := context.WithTimeout(context.Background(), harnessTimeout)
			defer cancel()
			res, err := engine.Run(ctx, e, base+path)
			if err != nil {
				t.Fatalf("running the %s in %s: %v\nconsole:\n%s", what, name, err, strings.Join(res.Console, "\n"))
			}
			logResult(t, res)
			t.Logf("%s in %s (%s): %s in %v", what, name, res.Version, res.Summary(), res.Elapsed.Round(time.Millisecond))
			if err := res.Err(); err != nil {
				t.Errorf("%s in %s: %v\nconsole:\n%s", what, name, err, strings.Join(res.Console, "\n"))
			}
		})
	}
}
