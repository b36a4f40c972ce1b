package closeserver

import (
	"errors"
	"net/url"
	"strings"
	"testing"
)

func TestSplitGroup(t *testing.T) {
	good := []struct{ raw, group, rest string }{
		{"group=a", "a", ""},
		{"group=load-1.x_Y&close=4001&reason=a%20b", "load-1.x_Y", "close=4001&reason=a%20b"},
		{"stall=1&group=g&delay=5", "g", "stall=1&delay=5"},
		{"%67roup=g&abort=1", "g", "abort=1"}, // an escaped name is still group
		{"&group=g&&", "g", ""},
		{"group=" + strings.Repeat("z", MaxGroupLen), strings.Repeat("z", MaxGroupLen), ""},
		{"close=%zz&group=g", "g", "close=%zz"}, // left for ParseQuery to refuse
	}
	for _, tc := range good {
		group, rest, err := SplitGroup(tc.raw)
		if err != nil || group != tc.group || rest != tc.rest {
			t.Errorf("SplitGroup(%q) = %q, %q, %v; want %q, %q, nil", tc.raw, group, rest, err, tc.group, tc.rest)
		}
	}
	bad := []struct{ raw, want string }{
		{"", "group is missing"},
		{"close=1000", "group is missing"},
		{"Group=a", "group is missing"},
		{"group", `group="" is not allowed`},
		{"group=", `group="" is not allowed`},
		{"group=a%20b", `group="a%20b" is not allowed`},
		{"group=%zz", `group="%zz" is not allowed`},
		{"group=%C3%A9", "is not allowed"},
		{"group=" + strings.Repeat("z", MaxGroupLen+1), "is not allowed"},
		{"group=a&group=b", "given 2 times"},
	}
	for _, tc := range bad {
		group, rest, err := SplitGroup(tc.raw)
		var qe *QueryError
		if !errors.As(err, &qe) || qe.Param != "group" || !strings.Contains(err.Error(), tc.want) {
			t.Errorf("SplitGroup(%q) = %q, %q, %v; want a *QueryError on group containing %q", tc.raw, group, rest, err, tc.want)
		}
	}
}

func TestFaultURLs(t *testing.T) {
	u, err := FaultWebSocketURL("http://127.0.0.1:4000", "g-1", Plan{Action: ActionClose, Code: 4001, Reason: "a b"})
	if want := "ws://127.0.0.1:4000/_fault/ws?group=g-1&close=4001&reason=a+b"; err != nil || u != want {
		t.Errorf("FaultWebSocketURL = %q, %v; want %q", u, err, want)
	}
	u, err = FaultWebSocketURL("https://example.test/demo/", "g", Plan{})
	if want := "wss://example.test/demo/_fault/ws?group=g"; err != nil || u != want {
		t.Errorf("FaultWebSocketURL(echo) = %q, %v; want %q", u, err, want)
	}
	u, err = FaultDropURL("http://localhost:1234", "g")
	if want := "http://localhost:1234/_fault/drop?group=g"; err != nil || u != want {
		t.Errorf("FaultDropURL = %q, %v; want %q", u, err, want)
	}
	u, err = FaultDropURL("wss://example.test", "g")
	if want := "https://example.test/_fault/drop?group=g"; err != nil || u != want {
		t.Errorf("FaultDropURL(wss) = %q, %v; want %q", u, err, want)
	}
	if u, err := FaultDropURL("http://localhost:1234", "a&b"); err == nil {
		t.Errorf("FaultDropURL with group \"a&b\" = %q, want an error", u)
	}
	if u, err := FaultDropURL("ftp://x", "g"); err == nil {
		t.Errorf("FaultDropURL with an ftp base = %q, want an error", u)
	}
}

// FuzzSplitGroup checks, for any raw query: SplitGroup does not panic; on
// success the group is valid, appears exactly once in raw, and is gone from
// rest, whose other pairs keep their order; on failure the error is a
// *QueryError on group.
func FuzzSplitGroup(f *testing.F) {
	for _, s := range []string{"group=a", "group=a&close=4001&reason=x", "group=a&group=b", "%67roup=a", "group=%zz&close=1", "", "&&group=a&"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, raw string) {
		group, rest, err := SplitGroup(raw)
		if err != nil {
			var qe *QueryError
			if !errors.As(err, &qe) || qe.Param != "group" || group != "" || rest != "" {
				t.Fatalf("SplitGroup(%q) = %q, %q, %v; want a *QueryError on group and nothing else", raw, group, rest, err)
			}
			return
		}
		if !ValidGroup(group) {
			t.Fatalf("SplitGroup(%q) accepted group %q", raw, group)
		}
		for _, pair := range strings.Split(rest, "&") {
			key, _, _ := strings.Cut(pair, "=")
			if k, err := url.QueryUnescape(key); err == nil && k == "group" {
				t.Fatalf("SplitGroup(%q): rest %q still holds a group", raw, rest)
			}
			if !strings.Contains(raw, pair) {
				t.Fatalf("SplitGroup(%q): rest %q holds %q, which raw does not", raw, rest, pair)
			}
		}
	})
}
