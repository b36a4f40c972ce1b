package closeserver

import (
	"strings"
	"testing"
)

func TestWebSocketURL(t *testing.T) {
	closePlan := Plan{Action: ActionClose, Code: 4001, Reason: "bye"}
	cases := []struct {
		name, base string
		plan       Plan
		want       string
	}{
		{"HTTPBecomesWS", "http://127.0.0.1:41234", closePlan, "ws://127.0.0.1:41234/ws?close=4001&reason=bye"},
		{"TrailingSlash", "http://127.0.0.1:41234/", Plan{}, "ws://127.0.0.1:41234/ws"},
		{"HTTPSBecomesWSS", "https://example.test", Plan{Action: ActionAbort}, "wss://example.test/ws?abort=1"},
		{"WSKept", "ws://localhost:8080", Plan{Action: ActionStall}, "ws://localhost:8080/ws?stall=1"},
		{"SchemeCaseIgnored", "HTTP://localhost:8080", Plan{}, "ws://localhost:8080/ws"},
		{"PathPrefixKept", "http://localhost:8080/demo/", Plan{Action: ActionCloseNoStatus}, "ws://localhost:8080/demo/ws?close=none"},
		{"QueryAndFragmentReplaced", "http://localhost:8080/?x=1#top", Plan{}, "ws://localhost:8080/ws"},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			got, err := WebSocketURL(tc.base, tc.plan)
			if err != nil || got != tc.want {
				t.Errorf("WebSocketURL(%q, %+v) = %q, %v; want %q, nil", tc.base, tc.plan, got, err, tc.want)
			}
		})
	}
}

func TestWebSocketURL_Rejects(t *testing.T) {
	cases := []struct{ base, want string }{
		{"ftp://localhost", "is not an http, https, ws or wss URL"},
		{"localhost:8080", "is not an http, https, ws or wss URL"},
		{"http://", "has no host"},
		{"http://[::1", "bad server URL"},
	}
	for _, tc := range cases {
		got, err := WebSocketURL(tc.base, Plan{})
		if err == nil || !strings.Contains(err.Error(), tc.want) {
			t.Errorf("WebSocketURL(%q) = %q, %v; want an error containing %q", tc.base, got, err, tc.want)
		}
	}
}
