package enginetable

import (
	"encoding/json"
	"strings"
	"testing"
	"time"
)

func TestEngineOf(t *testing.T) {
	for _, tc := range []struct{ ua, want string }{
		{"Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) HeadlessChrome/156.0.0.0 Safari/537.36", "chromium"},
		{"Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/156.0.0.0 Safari/537.36", "chromium"},
		{"Mozilla/5.0 (X11; Linux x86_64; rv:153.0) Gecko/20100101 Firefox/153.0", "firefox"},
		{"Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/60.5 Safari/605.1.15", "webkit"},
		{"Node.js/20", ""},
		{"", ""},
	} {
		if got := EngineOf(tc.ua); got != tc.want {
			t.Errorf("EngineOf(%q) = %q, want %q", tc.ua, got, tc.want)
		}
	}
}

// TestRows: one row per engine, each complete and consistent.
func TestRows(t *testing.T) {
	seen := map[string]bool{}
	for _, r := range Rows {
		if seen[r.Engine] {
			t.Errorf("two rows for %s", r.Engine)
		}
		seen[r.Engine] = true
		if r.SocketLimit < SlotMargin+2 || r.Measured == "" || r.WaveOpen <= 0 || r.StalledCloseGiveUp <= 0 {
			t.Errorf("%s: incomplete row %+v", r.Engine, r)
		}
		for field, ev := range map[string]string{"PastLimit": r.PastLimit, "DropOpen": r.DropOpen, "DropConnecting": r.DropConnecting,
			"Refused": r.Refused, "BadPort": r.BadPort, "StalledClose": r.StalledClose, "StalledCloseGiveUpEvents": r.StalledCloseGiveUpEvents} {
			for _, e := range strings.Split(ev, ",") {
				if e != "open" && e != "error" && e != "close" {
					t.Errorf("%s.%s = %q: events are open, error and close, comma-separated", r.Engine, field, ev)
				}
			}
		}
		if (len(r.RedialDelays) > 0) != (r.RedialDelayMax > 0) {
			t.Errorf("%s: RedialDelays %v and RedialDelayMax %v: both or neither", r.Engine, r.RedialDelays, r.RedialDelayMax)
		}
		if got, ok := Lookup(r.Engine); !ok || got.Engine != r.Engine {
			t.Errorf("Lookup(%q) = %v, %v", r.Engine, got, ok)
		}
	}
	for _, name := range []string{"chromium", "firefox", "webkit"} {
		if !seen[name] {
			t.Errorf("no row for %s", name)
		}
	}
	if _, ok := Lookup("lynx"); ok {
		t.Error("Lookup(lynx) found a row")
	}
}

func TestWave(t *testing.T) {
	r := Row{SocketLimit: 199}
	if got := r.Wave(200); got != 199 {
		t.Errorf("Wave(200) at limit 199 = %d, want 199", got)
	}
	r.SlotsFreedLate = true
	if got := r.Wave(200); got != 199-SlotMargin {
		t.Errorf("Wave(200) freeing late = %d, want %d", got, 199-SlotMargin)
	}
	if got := r.Wave(50); got != 50 {
		t.Errorf("Wave(50) = %d, want 50", got)
	}
}

func TestRedialDelayAfter(t *testing.T) {
	r, _ := Lookup("firefox")
	if got := r.RedialDelayAfter(0); got != r.RedialDelays[0] {
		t.Errorf("RedialDelayAfter(0) = %v", got)
	}
	if got := r.RedialDelayAfter(100); got != r.RedialDelayMax {
		t.Errorf("RedialDelayAfter(100) = %v, want %v", got, r.RedialDelayMax)
	}
	if got := (Row{}).RedialDelayAfter(3); got != 0 {
		t.Errorf("no delays: RedialDelayAfter(3) = %v", got)
	}
}

// TestJSON: what the page reads, durations in milliseconds.
func TestJSON(t *testing.T) {
	r, _ := Lookup("firefox")
	var got map[string]any
	if err := json.Unmarshal([]byte(r.JSON()), &got); err != nil {
		t.Fatal(err)
	}
	if got["engine"] != "firefox" || got["socketLimit"] != float64(200) || got["pastLimit"] != "error,close" ||
		got["redialDelayMaxMs"] != float64(60000) || got["stalledCloseGiveUpMs"] != float64(r.StalledCloseGiveUp/time.Millisecond) {
		t.Errorf("JSON() = %s", r.JSON())
	}
	if d, ok := got["redialDelaysMs"].([]any); !ok || len(d) != 6 || d[0] != float64(16) {
		t.Errorf("redialDelaysMs = %v, want the six delays in ms", got["redialDelaysMs"])
	}
}

func TestMismatch(t *testing.T) {
	r, _ := Lookup("webkit")
	msg := r.Mismatch("PastLimit", "error", "")
	for _, want := range []string{"webkit", "PastLimit", `"error"`, "no event", "internal/testing/enginetable"} {
		if !strings.Contains(msg, want) {
			t.Errorf("Mismatch = %q, want it to say %s", msg, want)
		}
	}
	if r.Check("BadPort", "error", "error") != "" {
		t.Error("Check of equal values is not empty")
	}
}
