package closeserver

import (
	"net/url"
	"strconv"
	"strings"
)

// The fault endpoints' names and limits (see faults.go for what they do).
const (
	// FaultWSPath is the /ws endpoint of a fault group: the same query as
	// /ws plus group=NAME.
	FaultWSPath = "/_fault/ws"
	// FaultDropPath takes a POST that drops every connection of the group
	// its query names.
	FaultDropPath = "/_fault/drop"
	// FaultCountPath answers how many connections the group its query
	// names has.
	FaultCountPath = "/_fault/count"

	// MaxGroupLen is the longest group name, in bytes.
	MaxGroupLen = 64

	paramGroup = "group"
)

// Environment variables through which internal/testing/cmd/withserver describes
// the server it runs, besides EnvServerURL.
const (
	// EnvFaults is "1" when the server at EnvServerURL answers the fault
	// endpoints (withserver -faults), and unset otherwise.
	EnvFaults = "CLOSESHIM_FAULTS"
	// EnvClosedURL is an http URL on 127.0.0.1 at which nothing listens: a
	// WebSocket to it is refused (connection refused, TCP RST). Its port
	// is outside the Fetch Standard's "bad ports", which browsers refuse
	// without trying to connect.
	EnvClosedURL = "CLOSESHIM_CLOSED_URL"
)

// ValidGroup reports whether name can name a fault group: 1 to MaxGroupLen
// ASCII letters, digits, '.', '_' or '-', so that it needs no escaping in
// a query and cannot be mistaken for anything else in a log.
func ValidGroup(name string) bool {
	if name == "" || len(name) > MaxGroupLen {
		return false
	}
	for i := 0; i < len(name); i++ {
		c := name[i]
		if !('a' <= c && c <= 'z' || 'A' <= c && c <= 'Z' || '0' <= c && c <= '9' || c == '.' || c == '_' || c == '-') {
			return false
		}
	}
	return true
}

// groupRule says what a group name may be, for error messages.
var groupRule = "a group is 1 to " + strconv.Itoa(MaxGroupLen) + " ASCII letters, digits, '.', '_' or '-'"

// SplitGroup takes the group parameter out of the raw query of a fault
// endpoint: it returns the group's name and the rest of the query, raw and
// in its order, for ParseQuery. The group must appear exactly once and be
// ValidGroup; otherwise SplitGroup returns a *QueryError blaming "group".
// Pairs it cannot unescape are left in rest, for ParseQuery to report.
func SplitGroup(rawQuery string) (group, rest string, err error) {
	var kept []string
	found := 0
	for _, pair := range strings.Split(rawQuery, "&") {
		if pair == "" {
			continue
		}
		key, value, _ := strings.Cut(pair, "=")
		if k, err := url.QueryUnescape(key); err != nil || k != paramGroup {
			kept = append(kept, pair)
			continue
		}
		found++
		v, err := url.QueryUnescape(value)
		if err != nil || !ValidGroup(v) {
			return "", "", &QueryError{Param: paramGroup, Message: "group=" + quote(value) + " is not allowed; " + groupRule}
		}
		group = v
	}
	switch {
	case found == 0:
		return "", "", &QueryError{Param: paramGroup, Message: "group is missing: the fault endpoints act on a named group of connections; " + groupRule}
	case found > 1:
		return "", "", &QueryError{Param: paramGroup, Message: "parameter \"group\" is given " + strconv.Itoa(found) + " times; give it once"}
	}
	return group, strings.Join(kept, "&"), nil
}

// FaultWebSocketURL is WebSocketURL for the fault endpoint: the URL of a
// connection that acts as p asks and that a drop of group can end.
func FaultWebSocketURL(base, group string, p Plan) (string, error) {
	return faultURL(base, FaultWSPath, group, p.Query())
}

// FaultDropURL returns the http or https URL to which a POST drops every
// connection of group on the server at base.
func FaultDropURL(base, group string) (string, error) {
	u, err := faultURL(base, FaultDropPath, group, "")
	if err != nil {
		return "", err
	}
	if rest, ok := strings.CutPrefix(u, "wss:"); ok {
		return "https:" + rest, nil
	}
	return "http:" + strings.TrimPrefix(u, "ws:"), nil
}

func faultURL(base, path, group, query string) (string, error) {
	if !ValidGroup(group) {
		return "", &QueryError{Param: paramGroup, Message: "group=" + quote(group) + " is not allowed; " + groupRule}
	}
	u, err := WebSocketURL(base, Plan{})
	if err != nil {
		return "", err
	}
	u = strings.TrimSuffix(u, "/ws") + path + "?" + paramGroup + "=" + group
	if query != "" {
		u += "&" + query
	}
	return u, nil
}
