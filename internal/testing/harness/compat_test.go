//go:build !js

package harness

import (
	"context"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/closeshim/closeshim/internal/testing/engine"
)

// TestCompat runs web/test/compat.html, the engine record, in every engine (a
// subtest each): every scenario must come back with a result. It also
// checks that docs/compat.md lists the page's scenarios as they are now (so
// a change to compat.js comes with `make compat`), and logs where this
// run's results differ from the file's, which is not a failure: the file
// records one run of each engine's version.
func TestCompat(t *testing.T) {
	base := serve(t, siteDir(t))
	doc, docErr := os.ReadFile(filepath.Join(repoRoot(t), "docs", "compat.md"))
	for _, name := range engine.Names {
		t.Run(name, func(t *testing.T) {
			e := newEngine(t, name)
			ctx, cancel := context.WithTimeout(context.Background(), harnessTimeout)
			defer cancel()
			rec, err := RunCompat(ctx, e, base)
			if err != nil {
				t.Fatalf("compat page in %s: %v", name, err)
			}
			t.Logf("%s: %d scenarios, %d differ from the spec, in %v", rec.Version, len(rec.Scenarios), len(rec.Differing()), rec.Elapsed.Round(time.Millisecond))
			for _, s := range rec.Differing() {
				t.Logf("differs: %s: %s: %s (spec %s)", s.Group, s.Label, s.Got, s.Spec)
			}
			md, err := CompatMarkdown([]CompatRecord{rec})
			if err != nil {
				t.Fatal(err)
			}
			if docErr != nil {
				t.Errorf("docs/compat.md: %v; run make compat", docErr)
				return
			}
			checkCompatDoc(t, string(doc), rec, md)
		})
	}
}

// checkCompatDoc checks that doc, docs/compat.md, has a row for every
// scenario of rec with the same label and spec, in order; md is rec alone
// as CompatMarkdown renders it. Where the doc has a column for rec's
// browser version, it logs the cells that differ from this run.
func checkCompatDoc(t *testing.T, doc string, rec CompatRecord, md string) {
	t.Helper()
	rows := tableRows(doc)
	at := 0
	for _, line := range strings.Split(md, "\n") {
		cells := splitRow(line)
		if len(cells) != 3 || cells[0] == "scenario" || strings.HasPrefix(cells[0], "---") {
			continue
		}
		found := false
		for ; at < len(rows); at++ {
			if c := rows[at].cells; len(c) >= 2 && c[0] == cells[0] && c[1] == cells[1] {
				found = true
				break
			}
		}
		if !found {
			t.Errorf("docs/compat.md has no row %q with spec %s after the previous one: run make compat", cells[0], cells[1])
			return
		}
		row := rows[at]
		if col := slices.Index(row.header, cell(rec.Version)); col >= 0 && col < len(row.cells) && row.cells[col] != cells[2] {
			t.Logf("docs/compat.md says %s for %q in %s; this run: %s", row.cells[col], cells[0], rec.Version, cells[2])
		}
		at++
	}
}

// docRow is a Markdown table row with its table's header.
type docRow struct{ header, cells []string }

// tableRows returns the body rows of every Markdown table of doc.
func tableRows(doc string) []docRow {
	var rows []docRow
	var header []string
	prev := ""
	for _, line := range strings.Split(doc, "\n") {
		cells := splitRow(line)
		switch {
		case cells == nil:
			header = nil
		case header == nil && strings.HasPrefix(strings.TrimSpace(line), "|---"):
			header = splitRow(prev)
		case header != nil:
			rows = append(rows, docRow{header, cells})
		}
		prev = line
	}
	return rows
}

// splitRow splits "| a | b \| c |" into its cells, or returns nil.
func splitRow(line string) []string {
	line = strings.TrimSpace(line)
	if !strings.HasPrefix(line, "|") || !strings.HasSuffix(line, "|") || len(line) < 2 {
		return nil
	}
	var cells []string
	var cur strings.Builder
	inner := line[1 : len(line)-1]
	for i := 0; i < len(inner); i++ {
		switch {
		case inner[i] == '\\' && i+1 < len(inner) && inner[i+1] == '|':
			cur.WriteString(`\|`)
			i++
		case inner[i] == '|':
			cells = append(cells, strings.TrimSpace(cur.String()))
			cur.Reset()
		default:
			cur.WriteByte(inner[i])
		}
	}
	return append(cells, strings.TrimSpace(cur.String()))
}

func TestCompatMarkdown(t *testing.T) {
	rec := func(engine, version string, got ...string) CompatRecord {
		r := CompatRecord{Engine: engine, Version: version, Elapsed: 1500 * time.Millisecond, PageMs: 700}
		specs := []CompatScenario{
			{Group: "g1", Label: "a | b", Spec: "1000 \"x\" clean"},
			{Group: "g1", Label: "c", Spec: "accepted"},
			{Group: "g2", Label: "limit", Spec: NoSpec},
		}
		for i, s := range specs {
			s.Got = got[i]
			r.Scenarios = append(r.Scenarios, s)
		}
		return r
	}
	md, err := CompatMarkdown([]CompatRecord{
		rec("chromium", "Chromium 1", "1000 \"x\" clean", "InvalidAccessError", "255"),
		rec("firefox", "Firefox 2", "1000 \"x\" clean", "accepted", "200"),
	})
	if err != nil {
		t.Fatal(err)
	}
	for _, want := range []string{
		"| chromium | Chromium 1 | 1.5 s / 0.7 s | 1 of 3 |",
		"| firefox | Firefox 2 | 1.5 s / 0.7 s | 0 of 3 |",
		"## g1\n\n| scenario | spec | Chromium 1 | Firefox 2 |\n|---|---|---|---|\n",
		"| a \\| b | `1000 \"x\" clean` | `1000 \"x\" clean` | `1000 \"x\" clean` |",
		"| c | `accepted` | **`InvalidAccessError`** | `accepted` |",
		"## g2",
		"| limit | `-` | `255` | `200` |",
	} {
		if !strings.Contains(md, want) {
			t.Errorf("CompatMarkdown lacks %q; got:\n%s", want, md)
		}
	}
	if got := splitRow("| a \\| b | `x` |"); len(got) != 2 || got[0] != `a \| b` || got[1] != "`x`" {
		t.Errorf("splitRow = %q", got)
	}

	other := rec("webkit", "WebKitGTK 3", "x", "y", "z")
	other.Scenarios = other.Scenarios[:2]
	if _, err := CompatMarkdown([]CompatRecord{rec("chromium", "C", "a", "b", "c"), other}); err == nil {
		t.Errorf("CompatMarkdown of records with different scenarios: no error")
	}
	if _, err := CompatMarkdown(nil); err == nil {
		t.Errorf("CompatMarkdown(nil): no error")
	}
}
