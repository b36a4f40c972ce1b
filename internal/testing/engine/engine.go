//go:build !js

package engine

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"strings"
	"time"
)

// ResultVar is the global a harness page sets to its Result when it is done.
const ResultVar = "harnessResult"

// ErrNoBrowser reports that an engine is not installed. The errors of New
// and of the Find functions wrap it and say what was looked for.
var ErrNoBrowser = errors.New("engine: browser not installed")

// Engine starts pages in one browser engine.
type Engine interface {
	// Name names the engine: "chromium", "firefox" or "webkit".
	Name() string
	// Open starts the browser with a fresh profile and opens pageURL. The
	// browser ends when ctx ends or the Session is closed; the caller
	// must Close it either way.
	Open(ctx context.Context, pageURL string) (Session, error)
}

// Session is a page that Engine.Open opened in a browser of its own.
type Session interface {
	// Version names the browser and its version as the browser itself
	// reports it, such as "Firefox 153.7.0".
	Version() string
	// Eval evaluates a JavaScript expression in the page and returns the
	// JSON of its value ("null" for undefined or a value JSON cannot
	// represent).
	Eval(ctx context.Context, expr string) ([]byte, error)
	// Console returns what the page has written to its console so far, one
	// message a line, as far as the engine's protocol reports it (see each
	// driver's doc).
	Console() []string
	// Close ends the browser and every process Open started, and removes
	// the profile. It returns the first error, if any, and is safe to call
	// more than once.
	Close() error
}

// Names lists the engines New knows, in the order tests run them.
var Names = []string{"chromium", "firefox", "webkit"}

// New returns the engine called name, one of Names, using the browser the
// Find function of that engine finds. It returns an error wrapping
// ErrNoBrowser when that browser is not installed.
func New(name string) (Engine, error) {
	switch name {
	case "chromium":
		return NewChromium()
	case "firefox":
		return NewFirefox()
	case "webkit":
		return NewWebKit()
	}
	return nil, fmt.Errorf("engine: unknown engine %q (want one of %s)", name, strings.Join(Names, ", "))
}

// PollInterval is how often Wait evaluates its expression.
const PollInterval = 100 * time.Millisecond

// Wait evaluates expr in s every PollInterval until its value is truthy and
// returns that value as JSON. It returns ctx's error, wrapped, when ctx
// ends first, and Eval's error when evaluating has failed for EvalGrace.
func Wait(ctx context.Context, s Session, expr string) ([]byte, error) {
	tick := time.NewTicker(PollInterval)
	defer tick.Stop()
	var failingSince time.Time
	for {
		raw, err := s.Eval(ctx, expr)
		if err != nil && ctx.Err() == nil && (failingSince.IsZero() || time.Since(failingSince) < EvalGrace) {
			// A page may break the driver's own scripts for a while:
			// web/test/hostile.html pollutes Array.prototype, which
			// WebKit's WebDriver uses to run and serialise a script.
			if failingSince.IsZero() {
				failingSince = time.Now()
			}
			<-tick.C
			continue
		}
		if err != nil {
			return nil, fmt.Errorf("engine: waiting for %s: %w", expr, err)
		}
		failingSince = time.Time{}
		if truthy(raw) {
			return raw, nil
		}
		select {
		case <-ctx.Done():
			return nil, fmt.Errorf("engine: waiting for %s: %w", expr, context.Cause(ctx))
		case <-tick.C:
		}
	}
}

// ScriptError is an Eval whose script threw in the page: the page's own
// expression, or the driver's code around it, which a page that pollutes
// the built-ins' prototypes breaks (WebKit's WebDriver reads
// Array.prototype.constructor). The engine and the page are there, and
// answered.
type ScriptError struct {
	Engine, Expr string
	Err          error // what the engine answered
}

func (e *ScriptError) Error() string {
	return "engine: " + e.Engine + " evaluating " + e.Expr + ": " + e.Err.Error()
}

func (e *ScriptError) Unwrap() error { return e.Err }

// EvalGrace is how long Wait goes on polling while every evaluation
// fails, before it returns the error.
const EvalGrace = 10 * time.Second

// truthy reports whether a JSON value is truthy in JavaScript's sense.
func truthy(raw []byte) bool {
	switch s := strings.TrimSpace(string(raw)); s {
	case "", "null", "false", "0", "-0", `""`:
		return false
	default:
		return true
	}
}

// Run opens pageURL in e, waits for globalThis.harnessResult and returns
// it, with the engine's name and version, the page's console and the time
// the run took. Result.Console is filled in also when it returns an error.
func Run(ctx context.Context, e Engine, pageURL string) (res Result, err error) {
	start := time.Now()
	res.Engine = e.Name()
	defer func() { res.Elapsed = time.Since(start) }()
	s, err := e.Open(ctx, pageURL)
	if err != nil {
		return res, err
	}
	defer func() {
		if cerr := s.Close(); cerr != nil && err == nil {
			err = cerr
		}
	}()
	res.Version = s.Version()
	raw, err := Wait(ctx, s, "globalThis."+ResultVar)
	res.Console = s.Console()
	if err != nil {
		return res, err
	}
	res.Raw = raw
	if err := json.Unmarshal(raw, &res); err != nil {
		return res, fmt.Errorf("engine: decoding %s: %w", ResultVar, err)
	}
	return res, nil
}

// jsonExpr wraps expr so that it evaluates to the JSON text of its value,
// a string every protocol returns as it is. JSON.stringify gives
// undefined for undefined and functions: those become "null".
func jsonExpr(expr string) string {
	return "(() => { const v = (" + expr + "\n); const s = JSON.stringify(v); return s === undefined ? \"null\" : s; })()"
}

// Result is what a harness page reports.
type Result struct {
	Passed   int      `json:"passed"`
	Failed   int      `json:"failed"`
	Failures []string `json:"failures"`
	// Deviations lists where the engine differed from the specifications
	// in a way the page expected of it (docs/engines.md, "Engines").
	Deviations []string `json:"deviations"`
	// Groups counts the checks that passed, by scenario group.
	Groups map[string]int `json:"groups"`

	// The fields below are Run's, not the page's.

	// Engine is the engine's name and Version its browser's version.
	Engine, Version string `json:"-"`
	// Elapsed is how long Run took, the browser's start-up included.
	Elapsed time.Duration `json:"-"`
	// Console holds what the page wrote to its console, for diagnosis.
	Console []string `json:"-"`
	// Raw is the page's whole result as JSON, for pages that report more
	// than these fields (the reliability page's figures and seed).
	Raw json.RawMessage `json:"-"`
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
