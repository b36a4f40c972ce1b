package closeevent

import (
	"encoding/json"
	"testing"
)

func TestCloseEvent_Abnormal(t *testing.T) {
	tests := []struct {
		e    CloseEvent
		want bool
	}{
		{CloseEvent{Code: NormalClosure, WasClean: true}, false},
		{CloseEvent{Code: 4001, WasClean: true}, false},
		{CloseEvent{Code: NoStatusReceived, WasClean: true}, false},
		{CloseEvent{Code: NormalClosure, WasClean: false}, true},
		{CloseEvent{Code: AbnormalClosure, WasClean: false}, true},
		// A script can construct a clean 1006; it is still abnormal.
		{CloseEvent{Code: AbnormalClosure, WasClean: true}, true},
	}
	for _, tc := range tests {
		if got := tc.e.Abnormal(); got != tc.want {
			t.Errorf("%v.Abnormal() = %v, want %v", tc.e, got, tc.want)
		}
	}
}

func TestCloseEvent_String(t *testing.T) {
	e := CloseEvent{Type: "close", Code: 4001, Reason: "bye \"now\"", WasClean: true}
	if got, want := e.String(), `close 4001 Code(4001) clean reason="bye \"now\""`; got != want {
		t.Errorf("String() = %s, want %s", got, want)
	}
	e = CloseEvent{Code: AbnormalClosure}
	if got, want := e.String(), `"" 1006 AbnormalClosure not clean reason=""`; got != want {
		t.Errorf("String() = %s, want %s", got, want)
	}
}

func TestCloseEvent_JSONUsesJavaScriptNames(t *testing.T) {
	e := CloseEvent{Type: "close", Code: 1000, Reason: "r", WasClean: true, IsTrusted: true,
		TimeStamp: 12.5, Bubbles: true, Cancelable: true, Composed: true}
	b, err := json.Marshal(e)
	if err != nil {
		t.Fatal(err)
	}
	want := `{"type":"close","code":1000,"reason":"r","wasClean":true,"isTrusted":true,"timeStamp":12.5,"bubbles":true,"cancelable":true,"composed":true}`
	if string(b) != want {
		t.Errorf("json.Marshal = %s, want %s", b, want)
	}
	var back CloseEvent
	if err := json.Unmarshal(b, &back); err != nil || back != e {
		t.Errorf("round trip = %+v, %v; want %+v", back, err, e)
	}
}
