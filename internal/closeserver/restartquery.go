package closeserver

import (
	"net/http"
	"strconv"
)

// The /ws parameters for clients that reconnect: a refused handshake, and
// a server that closes the first connections of a key, then serves (what a
// restart looks like to a client).
const (
	paramRefuse = "refuse"
	paramKey    = "key"
	paramTimes  = "times"
)

// The ranges of refuse and times.
const (
	// MinRefuseStatus and MaxRefuseStatus bound the HTTP status of a
	// refused handshake (refuse=STATUS): a client error or a server error.
	MinRefuseStatus = 400
	MaxRefuseStatus = 599
	// MaxTimes is the largest times=N.
	MaxTimes = 1000
	// MaxKeys is how many keys the server counts at once; a key unused for
	// KeyIdle is forgotten to make room.
	MaxKeys = 4096
)

// parseReconnectParams reads refuse, key and times into p, once the other
// parameters have been read (p.Action says whether one of close, abort or
// stall was given). get returns a parameter's value and whether it was
// given. It is separate from the Close-frame checks on purpose: these
// parameters say which connections act, not how they close.
func parseReconnectParams(get func(string) (string, bool), p *Plan) error {
	status, hasRefuse := get(paramRefuse)
	if hasRefuse {
		n, ok := parseDecimal(status, MaxRefuseStatus)
		if !ok || n < MinRefuseStatus {
			return &QueryError{Param: paramRefuse, Message: "refuse=" + quote(status) +
				" is not allowed; refuse is the decimal HTTP status of the refusal, from " +
				strconv.Itoa(MinRefuseStatus) + " to " + strconv.Itoa(MaxRefuseStatus)}
		}
		for _, other := range [...]string{paramClose, paramReason, paramAbort, paramStall, paramWait} {
			if _, given := get(other); given {
				return &QueryError{Param: paramRefuse, Message: "refuse cannot be combined with " + other +
					": a refused handshake opens no connection to close, drop or stall; give delay, key and times with it, or nothing"}
			}
		}
		p.Action, p.Status = ActionRefuse, n
	}

	key, hasKey := get(paramKey)
	times, hasTimes := get(paramTimes)
	if hasKey && !ValidGroup(key) {
		return &QueryError{Param: paramKey, Message: "key=" + quote(key) + " is not allowed; a key is 1 to " +
			strconv.Itoa(MaxGroupLen) + " ASCII letters, digits, '.', '_' or '-'"}
	}
	if hasTimes {
		n, ok := parseDecimal(times, MaxTimes)
		if !ok || n < 1 {
			return &QueryError{Param: paramTimes, Message: "times=" + quote(times) +
				" is not allowed; times is a whole number from 1 to " + strconv.Itoa(MaxTimes)}
		}
		p.Times = n
	}
	switch {
	case hasKey != hasTimes:
		param := paramKey
		if hasTimes {
			param = paramTimes
		}
		return &QueryError{Param: param, Message: "key and times go together: the first times connections " +
			"with the same key act as the query asks, later ones echo; give both"}
	case hasTimes && !hasRefuse && p.Action == ActionEcho && !given(get, paramAbort) && !given(get, paramStall):
		return &QueryError{Param: paramTimes, Message: "times needs close, abort, stall or refuse: " +
			"the first connections of the key act, later ones echo, and an echo alone has nothing to do first"}
	}
	p.Key = key
	return nil
}

func given(get func(string) (string, bool), name string) bool {
	_, ok := get(name)
	return ok
}

// refusalText is the body of a refused handshake's response.
func refusalText(status int) string {
	text := http.StatusText(status)
	if text == "" {
		text = "refused"
	}
	return text + ": the handshake was refused as the query asks (refuse=" + strconv.Itoa(status) + ")"
}
