//go:build !js

package harness

import (
	"context"
	"maps"
	"slices"
	"strings"
	"testing"
	"time"
)

// TestHarness_Chromium runs web/harness.html in headless Chromium: every
// member of the JS API, in the page and in a Web Worker, against native
// CloseEvents and real sockets to a closeserver. It fails on any failure
// the page reports, and lists them all.
func TestHarness_Chromium(t *testing.T) {
	c := chromium(t)
	base := serve(t, siteDir(t))
	ctx, cancel := context.WithTimeout(context.Background(), 3*time.Minute)
	defer cancel()

	res, err := c.Run(ctx, base+"/harness.html")
	if err != nil {
		t.Fatalf("running the harness: %v\nconsole:\n%s", err, strings.Join(res.Console, "\n"))
	}
	for _, d := range res.Deviations {
		t.Logf("expected deviation: %s", d)
	}
	groups := slices.Sorted(maps.Keys(res.Groups))
	for _, g := range groups {
		t.Logf("%4d passed  %s", res.Groups[g], g)
	}
	t.Logf("harness in %s: %s", c.Name(), res.Summary())
	if err := res.Err(); err != nil {
		t.Errorf("harness: %v\nconsole:\n%s", err, strings.Join(res.Console, "\n"))
	}
}
