// Package engine runs closeshim's browser pages in real browser engines and
// reads back what they report. Engine is the one interface the tests need;
// Chromium implements it over the DevTools protocol with chromedp, and
// drivers for Firefox (WebDriver BiDi) or WebKit (WebDriver) can be added
// behind it later.
//
// A page under test reports by setting globalThis.harnessResult (ResultVar)
// to {passed, failed, failures: [...]} when it is done.
package engine

import (
	"context"
	"errors"
	"fmt"
	"strings"
)

// ResultVar is the global a harness page sets to its Result when it is done.
const ResultVar = "harnessResult"

// Engine runs a page in one browser engine.
type Engine interface {
	// Name names the engine, such as "chromium".
	Name() string
	// Run opens pageURL in a fresh browser profile, waits until the page
	// sets globalThis.harnessResult or ctx ends, and returns that result.
	Run(ctx context.Context, pageURL string) (Result, error)
}

// Result is what a harness page reports.
type Result struct {
	Passed   int      `json:"passed"`
	Failed   int      `json:"failed"`
	Failures []string `json:"failures"`
	// Deviations lists where the engine differed from the specifications
	// in a way the page expected of it (SPEC-NOTES' table).
	Deviations []string `json:"deviations"`
	// Groups counts the checks that passed, by scenario group.
	Groups map[string]int `json:"groups"`
	// Console holds what the page wrote to its console, for diagnosis; the
	// page does not set it.
	Console []string `json:"-"`
}

// Summary returns the page's own closing line, "N passed, N failed".
func (r Result) Summary() string {
	return fmt.Sprintf("%d passed, %d failed", r.Passed, r.Failed)
}

// Err returns nil when the page ran checks and none failed, else an error
// listing every failure.
func (r Result) Err() error {
	if r.Failed == 0 && r.Passed > 0 && len(r.Failures) == 0 {
		return nil
	}
	var b strings.Builder
	b.WriteString(r.Summary())
	if r.Passed == 0 && r.Failed == 0 {
		b.WriteString(": the page ran no check")
	}
	for _, f := range r.Failures {
		b.WriteString("\n  FAIL ")
		b.WriteString(f)
	}
	return errors.New(b.String())
}
