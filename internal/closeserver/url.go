package closeserver

import (
	"errors"
	"net/url"
	"strings"
)

// EnvServerURL names the environment variable through which
// internal/testing/cmd/withserver hands the running server's base URL, such as
// "http://127.0.0.1:41234", to the command it runs.
const EnvServerURL = "CLOSESHIM_SERVER_URL"

// WebSocketURL returns the URL of the /ws endpoint of the server at base (an
// http, https, ws or wss URL such as the value of EnvServerURL) with p's
// query: "http://127.0.0.1:41234" and a Plan that closes with 4001 give
// "ws://127.0.0.1:41234/ws?close=4001". The scheme becomes ws or wss, the
// schemes the WebSockets Standard's WebSocket constructor has always
// accepted (it takes http and https only since 2023). A path in base is
// kept as a prefix. It fails when base does not parse or has another
// scheme.
func WebSocketURL(base string, p Plan) (string, error) {
	u, err := url.Parse(base)
	if err != nil {
		return "", errors.New("closeserver: bad server URL: " + err.Error())
	}
	switch strings.ToLower(u.Scheme) {
	case "http", "ws":
		u.Scheme = "ws"
	case "https", "wss":
		u.Scheme = "wss"
	default:
		return "", errors.New("closeserver: server URL " + quote(base) + " is not an http, https, ws or wss URL")
	}
	if u.Host == "" {
		return "", errors.New("closeserver: server URL " + quote(base) + " has no host")
	}
	u.Path = strings.TrimSuffix(u.Path, "/") + "/ws"
	u.RawPath = ""
	u.RawQuery = p.Query()
	u.Fragment = ""
	return u.String(), nil
}
