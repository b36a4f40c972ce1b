//go:build js && wasm

package hostile

import (
	"strconv"
	"strings"
	"syscall/js"
	"testing"
)

// Page is a polluted page, from Pollute.
type Page struct {
	handle js.Value // what closeshimPollute returned
	// Installed and Skipped are the script's lists ("Proto.name"), and
	// Uncaught the messages of the exceptions that reached the page's
	// error event while it was polluted, read by Restore.
	Installed, Skipped, Uncaught []string
}

// Pollute runs Script and installs the accessors; with indices, the array
// indices instead (see Script). It must be called on a clean page. The
// caller must call Restore before it writes anything or reads a string
// from JavaScript: the testing package writes through wasm_exec.js's fs,
// with calls that pass arguments, and on the page whose indices are
// polluted, reading a string ends the program (see Script).
func Pollute(t testing.TB, indices bool) *Page {
	t.Helper()
	if js.Global().Get("closeshimPollute").IsUndefined() {
		js.Global().Get("Function").New(Script).Invoke()
	}
	opts := js.Global().Get("Object").New()
	opts.Set("indices", indices)
	return &Page{handle: js.Global().Get("closeshimPollute").Invoke(opts)}
}

// Restore removes the accessors and returns the hits: what ran of them,
// "Proto.name get|set" once each. It fills Installed and Skipped.
func (p *Page) Restore() []string {
	// Every read below is of an own property of a frozen object without
	// a prototype, and the call passes no argument: both work while the
	// page is polluted.
	p.handle.Get("restore").Invoke()
	p.Installed, p.Skipped = strs(p.handle.Get("installed")), strs(p.handle.Get("skipped"))
	p.Uncaught = strs(p.handle.Get("uncaught").Invoke())
	return strs(p.handle.Get("hits").Invoke())
}

func strs(list js.Value) []string {
	out := make([]string, list.Length())
	for i := range out {
		out[i] = list.Index(i).String()
	}
	return out
}

// Summary says, for a test log, how many accessors were installed and
// which were skipped.
func (p *Page) Summary() string {
	s := "polluted " + strconv.Itoa(len(p.Installed)) + " prototype properties"
	if len(p.Skipped) > 0 {
		s += " (the prototypes kept " + strings.Join(p.Skipped, ", ") + ")"
	}
	return s
}

// Entry is one public entry point, for Check: Run calls it and returns
// what it gave as text, starting with "error: " for an error. Run must
// touch JavaScript only through internal/jsguard (its calls with arguments
// fail, guarded, while indices are polluted) and must not write to the
// test log.
type Entry struct {
	Name string
	Run  func() string
	// MakesFunction marks an entry point that makes a JavaScript function
	// before anything else: Check runs only these on the page whose
	// Array.prototype indices are polluted.
	MakesFunction bool
}

// Check runs every entry on the clean page (the "used once" run, which
// also gives each its documented result), then on the polluted page, and
// compares. Without indices, each polluted result must equal the clean
// one. With indices (see Script), only the entries that make a function
// run, and each must return an error: js.FuncOf fails there. A Go panic
// out of an entry point fails either way. Reaching the comparison at all
// shows the program survived. The results are logged per entry.
func Check(t *testing.T, entries []Entry, indices bool) {
	t.Helper()
	if indices {
		var makers []Entry
		for _, e := range entries {
			if e.MakesFunction {
				makers = append(makers, e)
			}
		}
		entries = makers
	}
	clean := runAll(entries)
	page := Pollute(t, indices)
	polluted := runAll(entries)
	hits := page.Restore()
	t.Log(page.Summary())
	t.Logf("accessors the page's own code or the runtime ran: %s", strings.Join(hits, ", "))
	for _, msg := range page.Uncaught {
		t.Errorf("an exception escaped to the page while it was polluted: %s", msg)
	}
	for i, e := range entries {
		got, want := polluted[i], clean[i]
		t.Logf("%s: %s", e.Name, got)
		switch {
		case strings.HasPrefix(got, "PANIC"):
			t.Errorf("%s panicked on the polluted page: %s", e.Name, got)
		case indices && strings.HasPrefix(got, "error: "):
		case indices:
			t.Errorf("%s with Array.prototype indices polluted = %s, want an error", e.Name, got)
		case got == want:
		default:
			t.Errorf("%s on the polluted page = %s\nwant, as on the clean page: %s", e.Name, got, want)
		}
	}
}

func runAll(entries []Entry) []string {
	out := make([]string, len(entries))
	for i, e := range entries {
		out[i] = run(e)
	}
	return out
}

func run(e Entry) (got string) {
	defer func() {
		if p := recover(); p != nil {
			got = "PANIC (" + panicText(p) + ")"
		}
	}()
	return e.Run()
}

func panicText(p any) string {
	switch p := p.(type) {
	case string:
		return p
	case error:
		if _, ok := p.(js.Error); ok {
			return "a JavaScript exception"
		}
		return p.Error()
	}
	return "a Go panic"
}
