package closeserver

import (
	"errors"
	"net/url"
	"strconv"
	"strings"
	"testing"
	"time"
	"unicode/utf8"

	"github.com/closeshim/closeshim/closeevent"
)

// The allowed-values part of every message about close.
const wantCloseAllowed = `close must be "none" (a Close frame without a status) or a decimal code valid in a Close frame: ` +
	`1000-1003, 1007-1014 or 3000-4999 (RFC 6455 section 7.4.1)`

// goodQueries are queries ParseQuery accepts, with the plan each means.
var goodQueries = []struct {
	name  string
	query string
	want  Plan
}{
	{"EmptyEchoes", "", Plan{}},
	{"EmptySegmentsIgnored", "&&", Plan{}},
	{"Close1000", "close=1000", Plan{Action: ActionClose, Code: 1000}},
	{"CloseWithReason", "close=4001&reason=bye", Plan{Action: ActionClose, Code: 4001, Reason: "bye"}},
	{"OrderDoesNotMatter", "reason=bye&close=4001", Plan{Action: ActionClose, Code: 4001, Reason: "bye"}},
	{"ReasonPlusIsSpace", "close=1000&reason=see+you", Plan{Action: ActionClose, Code: 1000, Reason: "see you"}},
	{"ReasonPercentEscapes", "close=3000&reason=%C3%A9t%C3%A9%20%F0%9F%98%80", Plan{Action: ActionClose, Code: 3000, Reason: "été 😀"}},
	{"ReasonEmpty", "close=1000&reason=", Plan{Action: ActionClose, Code: 1000}},
	{"Reason123ASCII", "close=1000&reason=" + strings.Repeat("a", 123), Plan{Action: ActionClose, Code: 1000, Reason: strings.Repeat("a", 123)}},
	{"Reason123Multibyte", "close=1000&reason=" + url.QueryEscape(strings.Repeat("€", 41)), Plan{Action: ActionClose, Code: 1000, Reason: strings.Repeat("€", 41)}},
	{"CloseLeadingZeros", "close=04000", Plan{Action: ActionClose, Code: 4000}},
	{"Close1003", "close=1003", Plan{Action: ActionClose, Code: 1003}},
	{"Close1007", "close=1007", Plan{Action: ActionClose, Code: 1007}},
	{"Close1014", "close=1014", Plan{Action: ActionClose, Code: 1014}},
	{"Close3000", "close=3000", Plan{Action: ActionClose, Code: 3000}},
	{"Close4999", "close=4999", Plan{Action: ActionClose, Code: 4999}},
	{"CloseWithDelay", "close=4000&delay=250", Plan{Action: ActionClose, Code: 4000, Delay: 250 * time.Millisecond}},
	{"DelayZero", "close=4000&delay=0", Plan{Action: ActionClose, Code: 4000}},
	{"DelayMax", "close=4000&delay=10000", Plan{Action: ActionClose, Code: 4000, Delay: 10 * time.Second}},
	{"CloseNone", "close=none", Plan{Action: ActionCloseNoStatus}},
	{"CloseNoneWithDelay", "close=none&delay=1", Plan{Action: ActionCloseNoStatus, Delay: time.Millisecond}},
	{"Abort", "abort=1", Plan{Action: ActionAbort}},
	{"AbortWithDelay", "abort=1&delay=300", Plan{Action: ActionAbort, Delay: 300 * time.Millisecond}},
	{"Stall", "stall=1", Plan{Action: ActionStall}},
	{"EchoWithDelay", "delay=200", Plan{Delay: 200 * time.Millisecond}},
	{"StallWithDelay", "stall=1&delay=5", Plan{Action: ActionStall, Delay: 5 * time.Millisecond}},
	{"CloseAfterWait", "close=4001&reason=go&wait=1", Plan{Action: ActionClose, Code: 4001, Reason: "go", Wait: true}},
	{"CloseNoneAfterWait", "wait=1&close=none", Plan{Action: ActionCloseNoStatus, Wait: true}},
	{"AbortAfterWait", "abort=1&wait=1&delay=20", Plan{Action: ActionAbort, Wait: true, Delay: 20 * time.Millisecond}},
	{"Refuse403", "refuse=403", Plan{Action: ActionRefuse, Status: 403}},
	{"Refuse400", "refuse=400", Plan{Action: ActionRefuse, Status: 400}},
	{"Refuse599WithDelay", "refuse=599&delay=10", Plan{Action: ActionRefuse, Status: 599, Delay: 10 * time.Millisecond}},
	{"RefuseTwice", "refuse=503&key=k-1&times=2", Plan{Action: ActionRefuse, Status: 503, Key: "k-1", Times: 2}},
	{"CloseOnceWithKey", "close=1012&reason=restart&key=abc&times=1", Plan{Action: ActionClose, Code: 1012, Reason: "restart", Key: "abc", Times: 1}},
	{"AbortWithKey", "abort=1&key=A.b_c&times=1000", Plan{Action: ActionAbort, Key: "A.b_c", Times: 1000}},
	{"StallWithKey", "stall=1&key=s&times=3", Plan{Action: ActionStall, Key: "s", Times: 3}},
	{"CloseNoneWithKey", "close=none&times=1&key=n", Plan{Action: ActionCloseNoStatus, Key: "n", Times: 1}},
}

// badQueries are queries ParseQuery rejects, with the exact error text; the
// /ws endpoint sends that text, plus a newline, with its HTTP 400.
var badQueries = []struct {
	name  string
	query string
	want  string
}{
	{"BadEscape", "close=%zz", `bad /ws query: cannot parse the query: invalid URL escape "%zz"; write name=value pairs joined by & and escape other bytes as %XX`},
	{"Semicolon", "close=1000;reason=x", `bad /ws query: cannot parse the query: invalid semicolon separator in query; write name=value pairs joined by & and escape other bytes as %XX`},
	{"UnknownParameter", "code=1000", `bad /ws query: unknown parameter "code"; the parameters are close, reason, abort, delay, stall, wait, refuse, key and times`},
	{"UnknownBesideKnown", "close=1000&_=123", `bad /ws query: unknown parameter "_"; the parameters are close, reason, abort, delay, stall, wait, refuse, key and times`},
	{"UnknownEmptyName", "=1", `bad /ws query: unknown parameter ""; the parameters are close, reason, abort, delay, stall, wait, refuse, key and times`},
	{"NamesAreCaseSensitive", "Close=1000", `bad /ws query: unknown parameter "Close"; the parameters are close, reason, abort, delay, stall, wait, refuse, key and times`},
	{"UnknownLongNameShortened", strings.Repeat("x", 50) + "=1", `bad /ws query: unknown parameter "` + strings.Repeat("x", 40) + `"...; the parameters are close, reason, abort, delay, stall, wait, refuse, key and times`},
	{"RepeatedClose", "close=1000&close=1000", `bad /ws query: parameter "close" is given 2 times; give each parameter at most once`},
	{"RepeatedAbort", "abort=1&abort=1&abort=1", `bad /ws query: parameter "abort" is given 3 times; give each parameter at most once`},
	{"RepeatedReason", "close=1000&reason=a&reason=b", `bad /ws query: parameter "reason" is given 2 times; give each parameter at most once`},
	{"CloseEmpty", "close=", `bad /ws query: close="" is not a close code; ` + wantCloseAllowed},
	{"CloseWithoutValue", "close", `bad /ws query: close="" is not a close code; ` + wantCloseAllowed},
	{"CloseWord", "close=normal", `bad /ws query: close="normal" is not a close code; ` + wantCloseAllowed},
	{"CloseNoneUppercase", "close=NONE", `bad /ws query: close="NONE" is not a close code; ` + wantCloseAllowed},
	{"ClosePlusSign", "close=%2B1000", `bad /ws query: close="+1000" is not a close code; ` + wantCloseAllowed},
	{"CloseNegative", "close=-1", `bad /ws query: close="-1" is not a close code; ` + wantCloseAllowed},
	{"CloseSpace", "close=+1000", `bad /ws query: close=" 1000" is not a close code; ` + wantCloseAllowed},
	{"CloseHex", "close=0x3e8", `bad /ws query: close="0x3e8" is not a close code; ` + wantCloseAllowed},
	{"CloseUnderscore", "close=1_000", `bad /ws query: close="1_000" is not a close code; ` + wantCloseAllowed},
	{"CloseOverUint16", "close=65536", `bad /ws query: close="65536" is not a close code; ` + wantCloseAllowed},
	{"CloseOverUint64", "close=99999999999999999999999", `bad /ws query: close="99999999999999999999999" is not a close code; ` + wantCloseAllowed},
	{"Close0", "close=0", `bad /ws query: close=0 cannot be sent in a Close frame; ` + wantCloseAllowed},
	{"Close999", "close=999", `bad /ws query: close=999 cannot be sent in a Close frame; ` + wantCloseAllowed},
	{"Close1004Reserved", "close=1004", `bad /ws query: close=1004 cannot be sent in a Close frame; ` + wantCloseAllowed},
	{"Close1005NoStatus", "close=1005", `bad /ws query: close=1005 (NoStatusReceived) cannot be sent in a Close frame; ` + wantCloseAllowed},
	{"Close1006Abnormal", "close=1006", `bad /ws query: close=1006 (AbnormalClosure) cannot be sent in a Close frame; ` + wantCloseAllowed},
	{"Close1015TLS", "close=1015", `bad /ws query: close=1015 (TLSHandshake) cannot be sent in a Close frame; ` + wantCloseAllowed},
	{"Close1016", "close=1016", `bad /ws query: close=1016 cannot be sent in a Close frame; ` + wantCloseAllowed},
	{"Close2999", "close=2999", `bad /ws query: close=2999 cannot be sent in a Close frame; ` + wantCloseAllowed},
	{"Close5000", "close=5000", `bad /ws query: close=5000 cannot be sent in a Close frame; ` + wantCloseAllowed},
	{"Close65535", "close=65535", `bad /ws query: close=65535 cannot be sent in a Close frame; ` + wantCloseAllowed},
	{"ReasonInvalidUTF8", "close=1000&reason=%FF", "bad /ws query: close reason \"\\xff\" is not valid UTF-8 (byte 0xff at offset 0); a Close frame's reason is UTF-8 text (RFC 6455 section 5.5.1)"},
	{"ReasonEncodedSurrogate", "close=1000&reason=%ED%A0%80", "bad /ws query: close reason \"\\xed\\xa0\\x80\" is not valid UTF-8 (byte 0xed at offset 0); a Close frame's reason is UTF-8 text (RFC 6455 section 5.5.1)"},
	{"ReasonTruncatedSequence", "close=1000&reason=ok%E2%82", "bad /ws query: close reason \"ok\\xe2\\x82\" is not valid UTF-8 (byte 0xe2 at offset 2); a Close frame's reason is UTF-8 text (RFC 6455 section 5.5.1)"},
	{"Reason124ASCII", "close=1000&reason=" + strings.Repeat("a", 124), `bad /ws query: close reason is 124 bytes of UTF-8; a Close frame holds at most 123 (RFC 6455 section 5.5: 125 bytes of body, 2 of them the code)`},
	{"Reason126Multibyte", "close=1000&reason=" + url.QueryEscape(strings.Repeat("€", 42)), `bad /ws query: close reason is 126 bytes of UTF-8; a Close frame holds at most 123 (RFC 6455 section 5.5: 125 bytes of body, 2 of them the code)`},
	{"ReasonWithoutClose", "reason=bye", `bad /ws query: reason needs a numeric close code (close=CODE); a Close frame without a status (close=none) carries no reason (RFC 6455 section 5.5.1), and abort, stall and the echo send no Close frame of their own`},
	{"ReasonWithCloseNone", "close=none&reason=bye", `bad /ws query: reason needs a numeric close code (close=CODE); a Close frame without a status (close=none) carries no reason (RFC 6455 section 5.5.1), and abort, stall and the echo send no Close frame of their own`},
	{"EmptyReasonWithCloseNone", "close=none&reason=", `bad /ws query: reason needs a numeric close code (close=CODE); a Close frame without a status (close=none) carries no reason (RFC 6455 section 5.5.1), and abort, stall and the echo send no Close frame of their own`},
	{"ReasonWithAbort", "abort=1&reason=bye", `bad /ws query: reason needs a numeric close code (close=CODE); a Close frame without a status (close=none) carries no reason (RFC 6455 section 5.5.1), and abort, stall and the echo send no Close frame of their own`},
	{"ReasonWithStall", "stall=1&reason=bye", `bad /ws query: reason needs a numeric close code (close=CODE); a Close frame without a status (close=none) carries no reason (RFC 6455 section 5.5.1), and abort, stall and the echo send no Close frame of their own`},
	{"AbortZero", "abort=0", `bad /ws query: abort="0" is not allowed; the only value is abort=1`},
	{"AbortTrue", "abort=true", `bad /ws query: abort="true" is not allowed; the only value is abort=1`},
	{"AbortWithoutValue", "abort", `bad /ws query: abort="" is not allowed; the only value is abort=1`},
	{"AbortAndClose", "abort=1&close=1000", `bad /ws query: abort and close cannot be combined: abort drops the connection without any Close frame; give one of them`},
	{"AbortAndCloseNone", "close=none&abort=1", `bad /ws query: abort and close cannot be combined: abort drops the connection without any Close frame; give one of them`},
	{"DelayNegative", "close=1000&delay=-1", `bad /ws query: delay="-1" is not allowed; delay is a whole number of milliseconds from 0 to 10000`},
	{"DelayOverMax", "close=1000&delay=10001", `bad /ws query: delay="10001" is not allowed; delay is a whole number of milliseconds from 0 to 10000`},
	{"DelayOverUint64", "abort=1&delay=184467440737095516160", `bad /ws query: delay="184467440737095516160" is not allowed; delay is a whole number of milliseconds from 0 to 10000`},
	{"DelayFraction", "close=1000&delay=1.5", `bad /ws query: delay="1.5" is not allowed; delay is a whole number of milliseconds from 0 to 10000`},
	{"DelayWithUnit", "close=1000&delay=100ms", `bad /ws query: delay="100ms" is not allowed; delay is a whole number of milliseconds from 0 to 10000`},
	{"DelayEmpty", "close=1000&delay=", `bad /ws query: delay="" is not allowed; delay is a whole number of milliseconds from 0 to 10000`},
	{"StallTwo", "stall=2", `bad /ws query: stall="2" is not allowed; the only value is stall=1`},
	{"StallAndClose", "stall=1&close=1000", `bad /ws query: stall cannot be combined with close or abort: a stalled connection neither closes nor drops the connection until the server shuts down`},
	{"StallAndCloseNone", "stall=1&close=none", `bad /ws query: stall cannot be combined with close or abort: a stalled connection neither closes nor drops the connection until the server shuts down`},
	{"StallAndAbort", "stall=1&abort=1", `bad /ws query: stall cannot be combined with close or abort: a stalled connection neither closes nor drops the connection until the server shuts down`},
	{"WaitTwo", "close=1000&wait=2", `bad /ws query: wait="2" is not allowed; the only value is wait=1`},
	{"WaitEmpty", "close=1000&wait", `bad /ws query: wait="" is not allowed; the only value is wait=1`},
	{"WaitRepeated", "close=1000&wait=1&wait=1", `bad /ws query: parameter "wait" is given 2 times; give each parameter at most once`},
	{"WaitAlone", "wait=1", `bad /ws query: wait needs close or abort: it puts off the server's close or abort until the client's first message; the echo and stall have nothing to put off`},
	{"WaitWithDelayOnly", "wait=1&delay=5", `bad /ws query: wait needs close or abort: it puts off the server's close or abort until the client's first message; the echo and stall have nothing to put off`},
	{"WaitWithStall", "stall=1&wait=1", `bad /ws query: wait needs close or abort: it puts off the server's close or abort until the client's first message; the echo and stall have nothing to put off`},
	{"Refuse399", "refuse=399", `bad /ws query: refuse="399" is not allowed; refuse is the decimal HTTP status of the refusal, from 400 to 599`},
	{"Refuse600", "refuse=600", `bad /ws query: refuse="600" is not allowed; refuse is the decimal HTTP status of the refusal, from 400 to 599`},
	{"RefuseWord", "refuse=forbidden", `bad /ws query: refuse="forbidden" is not allowed; refuse is the decimal HTTP status of the refusal, from 400 to 599`},
	{"RefuseEmpty", "refuse=", `bad /ws query: refuse="" is not allowed; refuse is the decimal HTTP status of the refusal, from 400 to 599`},
	{"RefuseAndClose", "refuse=403&close=1000", `bad /ws query: refuse cannot be combined with close: a refused handshake opens no connection to close, drop or stall; give delay, key and times with it, or nothing`},
	{"RefuseAndAbort", "refuse=403&abort=1", `bad /ws query: refuse cannot be combined with abort: a refused handshake opens no connection to close, drop or stall; give delay, key and times with it, or nothing`},
	{"RefuseAndStall", "refuse=403&stall=1", `bad /ws query: refuse cannot be combined with stall: a refused handshake opens no connection to close, drop or stall; give delay, key and times with it, or nothing`},
	{"RefuseAndWait", "refuse=403&wait=1", `bad /ws query: refuse cannot be combined with wait: a refused handshake opens no connection to close, drop or stall; give delay, key and times with it, or nothing`},
	{"RefuseAndReason", "refuse=403&reason=x", `bad /ws query: refuse cannot be combined with reason: a refused handshake opens no connection to close, drop or stall; give delay, key and times with it, or nothing`},
	{"RefuseRepeated", "refuse=403&refuse=404", `bad /ws query: parameter "refuse" is given 2 times; give each parameter at most once`},
	{"KeyWithoutTimes", "close=1012&key=a", `bad /ws query: key and times go together: the first times connections with the same key act as the query asks, later ones echo; give both`},
	{"TimesWithoutKey", "close=1012&times=1", `bad /ws query: key and times go together: the first times connections with the same key act as the query asks, later ones echo; give both`},
	{"KeyEmpty", "close=1012&key=&times=1", `bad /ws query: key="" is not allowed; a key is 1 to 64 ASCII letters, digits, '.', '_' or '-'`},
	{"KeySlash", "close=1012&key=a%2Fb&times=1", `bad /ws query: key="a/b" is not allowed; a key is 1 to 64 ASCII letters, digits, '.', '_' or '-'`},
	{"KeyTooLong", "close=1012&times=1&key=" + strings.Repeat("k", 65), `bad /ws query: key="` + strings.Repeat("k", 40) + `"... is not allowed; a key is 1 to 64 ASCII letters, digits, '.', '_' or '-'`},
	{"TimesZero", "close=1012&key=a&times=0", `bad /ws query: times="0" is not allowed; times is a whole number from 1 to 1000`},
	{"TimesOverMax", "close=1012&key=a&times=1001", `bad /ws query: times="1001" is not allowed; times is a whole number from 1 to 1000`},
	{"TimesNegative", "close=1012&key=a&times=-1", `bad /ws query: times="-1" is not allowed; times is a whole number from 1 to 1000`},
	{"TimesWithEcho", "key=a&times=1", `bad /ws query: times needs close, abort, stall or refuse: the first connections of the key act, later ones echo, and an echo alone has nothing to do first`},
	{"TimesWithDelayOnly", "key=a&times=1&delay=5", `bad /ws query: times needs close, abort, stall or refuse: the first connections of the key act, later ones echo, and an echo alone has nothing to do first`},
}

func TestParseQuery_Accepts(t *testing.T) {
	for _, tc := range goodQueries {
		t.Run(tc.name, func(t *testing.T) {
			got, err := ParseQuery(tc.query)
			if err != nil {
				t.Fatalf("ParseQuery(%q): got error %v, want %+v", tc.query, err, tc.want)
			}
			if got != tc.want {
				t.Errorf("ParseQuery(%q) = %+v, want %+v", tc.query, got, tc.want)
			}
		})
	}
}

func TestParseQuery_Rejects(t *testing.T) {
	for _, tc := range badQueries {
		t.Run(tc.name, func(t *testing.T) {
			got, err := ParseQuery(tc.query)
			if err == nil {
				t.Fatalf("ParseQuery(%q) = %+v, want error %q", tc.query, got, tc.want)
			}
			if err.Error() != tc.want {
				t.Errorf("ParseQuery(%q) error:\ngot  %s\nwant %s", tc.query, err, tc.want)
			}
			var qe *QueryError
			if !errors.As(err, &qe) {
				t.Errorf("ParseQuery(%q) error is %T, want *QueryError", tc.query, err)
			}
			if got != (Plan{}) {
				t.Errorf("ParseQuery(%q) plan = %+v with an error, want the zero Plan", tc.query, got)
			}
		})
	}
}

// TestParseQuery_CloseFollowsValidOnWire checks every code: close=N is
// accepted exactly when closeevent says the code may be sent.
func TestParseQuery_CloseFollowsValidOnWire(t *testing.T) {
	for i := 0; i <= 0xFFFF; i++ {
		code := closeevent.Code(i)
		p, err := ParseQuery("close=" + strconv.Itoa(i))
		if got, want := err == nil, code.ValidOnWire(); got != want {
			t.Errorf("ParseQuery(close=%d) accepted = %v (err %v), want %v", i, got, err, want)
			continue
		}
		if err == nil && (p.Action != ActionClose || p.Code != code) {
			t.Errorf("ParseQuery(close=%d) = %+v, want ActionClose with code %d", i, p, i)
		}
	}
}

func TestParseQuery_ParamBlamed(t *testing.T) {
	cases := []struct{ query, want string }{
		{"close=%zz", ""},
		{"x=1", "x"},
		{"close=1", "close"},
		{"close=1000&reason=%FF", "reason"},
		{"abort=2", "abort"},
		{"abort=1&close=1000", "abort"},
		{"close=1000&delay=x", "delay"},
		{"stall=1&abort=1", "stall"},
		{"wait=1", "wait"},
		{"close=1000&wait=0", "wait"},
		{"refuse=200", "refuse"},
		{"refuse=403&close=1000", "refuse"},
		{"close=1000&key=a", "key"},
		{"close=1000&times=1", "times"},
		{"close=1000&key=%20&times=1", "key"},
		{"close=1000&key=a&times=x", "times"},
	}
	for _, tc := range cases {
		_, err := ParseQuery(tc.query)
		var qe *QueryError
		if !errors.As(err, &qe) {
			t.Errorf("ParseQuery(%q) error = %v, want a *QueryError", tc.query, err)
			continue
		}
		if qe.Param != tc.want {
			t.Errorf("ParseQuery(%q) blames %q, want %q", tc.query, qe.Param, tc.want)
		}
	}
}

func TestPlanQuery_Encodes(t *testing.T) {
	cases := []struct {
		plan Plan
		want string
	}{
		{Plan{}, ""},
		{Plan{Action: ActionClose, Code: 4001, Reason: "bye bye", Delay: 500 * time.Millisecond}, "close=4001&delay=500&reason=bye+bye"},
		{Plan{Action: ActionClose, Code: 1000}, "close=1000"},
		{Plan{Action: ActionCloseNoStatus}, "close=none"},
		{Plan{Action: ActionCloseNoStatus, Reason: "ignored", Code: 4000}, "close=none"},
		{Plan{Action: ActionAbort, Delay: 1500 * time.Microsecond}, "abort=1&delay=1"},
		{Plan{Action: ActionStall, Delay: time.Second}, "delay=1000&stall=1"},
		{Plan{Action: ActionEcho, Delay: time.Second}, "delay=1000"},
		{Plan{Action: ActionEcho, Delay: time.Millisecond - 1}, ""},
		{Plan{Action: ActionClose, Code: 4000, Wait: true}, "close=4000&wait=1"},
		{Plan{Action: ActionAbort, Wait: true}, "abort=1&wait=1"},
		{Plan{Action: ActionEcho, Wait: true}, ""},
		{Plan{Action: ActionStall, Wait: true}, "stall=1"},
		{Plan{Action: ActionRefuse, Status: 403}, "refuse=403"},
		{Plan{Action: ActionClose, Code: 1012, Key: "k", Times: 2}, "close=1012&key=k&times=2"},
	}
	for _, tc := range cases {
		if got := tc.plan.Query(); got != tc.want {
			t.Errorf("%+v.Query() = %q, want %q", tc.plan, got, tc.want)
		}
	}
}

func TestPlanQuery_RoundTrips(t *testing.T) {
	for _, tc := range goodQueries {
		q := tc.want.Query()
		got, err := ParseQuery(q)
		if err != nil || got != tc.want {
			t.Errorf("ParseQuery(%+v.Query() = %q) = %+v, %v; want %+v, nil", tc.want, q, got, err, tc.want)
		}
	}
}

func TestPlanQuery_BrokenPlanIsRejected(t *testing.T) {
	broken := []Plan{
		{Action: ActionClose, Code: closeevent.NoStatusReceived},
		{Action: ActionClose, Code: 4000, Reason: strings.Repeat("a", 124)},
		{Action: ActionClose, Code: 4000, Reason: "\xff"},
		{Action: ActionAbort, Delay: MaxDelay + time.Millisecond},
		{Action: ActionRefuse, Status: 200},
		{Action: ActionClose, Code: 4000, Key: "k"},
		{Action: ActionClose, Code: 4000, Times: 2},
		{Action: ActionEcho, Key: "k", Times: 2},
	}
	for _, p := range broken {
		if got, err := ParseQuery(p.Query()); err == nil {
			t.Errorf("ParseQuery(%+v.Query() = %q) = %+v, nil; want an error", p, p.Query(), got)
		}
	}
}

func TestWireCodes_MatchTheRFC(t *testing.T) {
	// RFC 6455 section 7.4.1 and the IANA registry (docs/engines.md, "The
	// specifications"): a peer may put 1000-1003, 1007-1014 and 3000-4999
	// in a Close frame.
	if got, want := wireCodes(), "1000-1003, 1007-1014 or 3000-4999"; got != want {
		t.Errorf("wireCodes() = %q, want %q", got, want)
	}
}

func TestAction_String(t *testing.T) {
	cases := map[Action]string{
		ActionEcho: "echo", ActionClose: "close", ActionCloseNoStatus: "close without status",
		ActionAbort: "abort", ActionStall: "stall", ActionRefuse: "refuse", Action(9): "Action(9)",
	}
	for a, want := range cases {
		if got := a.String(); got != want {
			t.Errorf("Action(%d).String() = %q, want %q", uint8(a), got, want)
		}
	}
}

// FuzzParseQuery checks, for any raw query: ParseQuery does not panic; it
// returns a plan or a *QueryError, never both; an accepted plan keeps the
// contract (a code valid on the wire, a reason of valid UTF-8 within
// MaxReasonBytes, a delay of whole milliseconds within MaxDelay, code and
// reason only on ActionClose); and the plan's Query parses back to the
// same plan.
func FuzzParseQuery(f *testing.F) {
	for _, tc := range goodQueries {
		f.Add(tc.query)
	}
	for _, tc := range badQueries {
		f.Add(tc.query)
	}
	f.Add("close=1000&reason=%C3")
	f.Add("close=4000&reason=a%26b%3Dc&delay=0010")
	f.Add("abort=1&delay=10000&")
	f.Add("stall=1&stall")

	f.Fuzz(func(t *testing.T, raw string) {
		p, err := ParseQuery(raw)
		if err != nil {
			var qe *QueryError
			if !errors.As(err, &qe) || qe.Message == "" {
				t.Fatalf("ParseQuery(%q) error %v (%T), want a *QueryError with a message", raw, err, err)
			}
			if p != (Plan{}) {
				t.Fatalf("ParseQuery(%q) = %+v with error %v, want the zero Plan", raw, p, err)
			}
			return
		}
		if p.Wait && p.Action != ActionClose && p.Action != ActionCloseNoStatus && p.Action != ActionAbort {
			t.Fatalf("ParseQuery(%q) = %+v: wait on an action that neither closes nor aborts", raw, p)
		}
		switch p.Action {
		case ActionClose:
			if !p.Code.ValidOnWire() {
				t.Fatalf("ParseQuery(%q) accepted code %d, which is not ValidOnWire", raw, p.Code)
			}
		case ActionEcho, ActionCloseNoStatus, ActionAbort, ActionStall, ActionRefuse:
			if p.Code != 0 || p.Reason != "" {
				t.Fatalf("ParseQuery(%q) = %+v: code or reason on an action that sends none", raw, p)
			}
		default:
			t.Fatalf("ParseQuery(%q) = %+v: unknown action", raw, p)
		}
		if (p.Action == ActionRefuse) != (p.Status != 0) || p.Status != 0 && (p.Status < MinRefuseStatus || p.Status > MaxRefuseStatus) {
			t.Fatalf("ParseQuery(%q) = %+v: a status outside refuse, or outside %d..%d", raw, p, MinRefuseStatus, MaxRefuseStatus)
		}
		if (p.Key == "") != (p.Times == 0) || p.Key != "" && (!ValidGroup(p.Key) || p.Times > MaxTimes || p.Action == ActionEcho) {
			t.Fatalf("ParseQuery(%q) = %+v: key and times not together, out of range, or on the echo", raw, p)
		}
		if !utf8.ValidString(p.Reason) || closeevent.ReasonLen(p.Reason) > closeevent.MaxReasonBytes {
			t.Fatalf("ParseQuery(%q) accepted reason %q (%d bytes), want valid UTF-8 of at most %d bytes",
				raw, p.Reason, len(p.Reason), closeevent.MaxReasonBytes)
		}
		if p.Delay < 0 || p.Delay > MaxDelay || p.Delay%time.Millisecond != 0 {
			t.Fatalf("ParseQuery(%q) accepted delay %v, want whole milliseconds in 0..%v", raw, p.Delay, MaxDelay)
		}
		q := p.Query()
		again, err := ParseQuery(q)
		if err != nil || again != p {
			t.Fatalf("ParseQuery(%q) = %+v, but ParseQuery(its Query %q) = %+v, %v; want the same plan", raw, p, q, again, err)
		}
	})
}
