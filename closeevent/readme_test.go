//go:build !(js && wasm)

package closeevent

import (
	"os"
	"strconv"
	"strings"
	"testing"
)

// readmeRow is one row of the README's "The close codes" table.
type readmeRow struct {
	line                    int
	from, to                int  // the codes the row covers
	other                   bool // "other 3000-3999": the codes without a row of their own
	constant, legacy        string
	sendable, wire, retries bool
}

// readCodeTable parses the table under the README's "## The close codes"
// heading.
func readCodeTable(t *testing.T) []readmeRow {
	t.Helper()
	data, err := os.ReadFile("../README.md")
	if err != nil {
		t.Fatal(err)
	}
	lines := strings.Split(string(data), "\n")
	start := -1
	for i, l := range lines {
		if strings.TrimSpace(l) == "## The close codes" {
			start = i
			break
		}
	}
	if start < 0 {
		t.Fatal(`README.md has no "## The close codes" section`)
	}
	const header = "| code | constant | legacy name | sendable by `close()` | valid on the wire | retryable |"
	var rows []readmeRow
	inTable := false
	for i := start + 1; i < len(lines); i++ {
		l := strings.TrimSpace(lines[i])
		if strings.HasPrefix(l, "## ") {
			break
		}
		if !inTable {
			if l == header {
				inTable = true
				i++ // the |---| line
			}
			continue
		}
		if !strings.HasPrefix(l, "|") {
			break
		}
		cells := strings.Split(strings.Trim(l, "|"), "|")
		if len(cells) != 6 {
			t.Fatalf("README.md:%d: %d cells, want 6: %s", i+1, len(cells), l)
		}
		for j := range cells {
			cells[j] = strings.TrimSpace(cells[j])
		}
		r := readmeRow{line: i + 1}
		codes := cells[0]
		if rest, ok := strings.CutPrefix(codes, "other "); ok {
			r.other, codes = true, rest
		}
		lo, hi, isRange := strings.Cut(codes, "-")
		if !isRange {
			hi = lo
		}
		if r.from, err = strconv.Atoi(lo); err != nil {
			t.Fatalf("README.md:%d: code cell %q", i+1, cells[0])
		}
		if r.to, err = strconv.Atoi(hi); err != nil {
			t.Fatalf("README.md:%d: code cell %q", i+1, cells[0])
		}
		r.constant = name(cells[1])
		r.legacy = name(cells[2])
		r.sendable = yes(t, i+1, cells[3])
		r.wire = yes(t, i+1, cells[4])
		r.retries = yes(t, i+1, cells[5])
		rows = append(rows, r)
	}
	if len(rows) == 0 {
		t.Fatalf("README.md: no table with the header %s under \"## The close codes\"", header)
	}
	return rows
}

// name returns the Go name in a cell such as "`NormalClosure`", or "" for
// "-" and "- (reserved)".
func name(cell string) string {
	if strings.HasPrefix(cell, "-") {
		return ""
	}
	return strings.Trim(cell, "`")
}

// yes reads a cell that starts with "yes" or "no"; what follows, such as
// "(never sent)", is commentary.
func yes(t *testing.T, line int, cell string) bool {
	t.Helper()
	switch {
	case cell == "yes" || strings.HasPrefix(cell, "yes "):
		return true
	case cell == "no" || strings.HasPrefix(cell, "no "):
		return false
	}
	t.Fatalf("README.md:%d: cell %q starts with neither yes nor no", line, cell)
	return false
}

// TestREADME_CodeTable checks that the README's close-code table says what
// the code table and the predicates say, for every code from 0 to 65535:
// each row's constant, legacy name, Sendable, ValidOnWire and Retryable;
// the rows cover the code space once, in order; and every code with an
// entry of its own in the code table has a row of its own.
func TestREADME_CodeTable(t *testing.T) {
	rows := readCodeTable(t)
	own := map[int]bool{}
	for _, r := range rows {
		if r.from == r.to {
			own[r.from] = true
		}
	}
	for i := range codes {
		if !own[int(codes[i].code)] {
			t.Errorf("README.md: code %d (%s) has an entry in the code table but no row of its own", codes[i].code, codes[i].code)
		}
	}
	covered := make([]int, 0x10000) // how many rows cover each code
	for _, r := range rows {
		for n := r.from; n <= r.to; n++ {
			if r.other && own[n] {
				continue
			}
			covered[n]++
			c := Code(n)
			wantConst := ""
			if c.Registered() {
				wantConst = c.String()
			}
			if r.constant != wantConst || r.legacy != c.LegacyName() || r.sendable != c.Sendable() ||
				r.wire != c.ValidOnWire() || r.retries != c.Retryable() {
				t.Errorf("README.md:%d says code %d is constant %q, legacy %q, sendable %v, valid on the wire %v, retryable %v;\n"+
					"the code says %q, %q, %v, %v, %v",
					r.line, n, r.constant, r.legacy, r.sendable, r.wire, r.retries,
					wantConst, c.LegacyName(), c.Sendable(), c.ValidOnWire(), c.Retryable())
				return
			}
		}
	}
	for n, k := range covered {
		if k != 1 {
			t.Fatalf("README.md's close-code table covers code %d %d times, want once", n, k)
		}
	}
}
