//go:build js && wasm

package wsinterop

import (
	"context"
	"net/url"
	"testing"
	"time"

	"github.com/closeshim/closeshim/closeevent"
	"github.com/closeshim/closeshim/internal/testing/hostile"
	"github.com/coder/websocket"
)

// The package's entry points on a hostile page (internal/testing/hostile;
// closeevent's pollution test says what is checked). A refused Dial is
// the case coder/websocket's own error listener would not survive without
// the hook's shield: it reads event.message with Value.Get, and the page
// has a throwing getter for message on Object.prototype.

// pollutionEntries are the package's public entry points, as a table that
// the lifecycle API's entries join.
func pollutionEntries(t *testing.T) []hostile.Entry {
	open, refused := wsURL(t, url.Values{}), refusedURL(t)
	normal := wsURL(t, url.Values{"close": {"1000"}})
	wait := func(tr *closeevent.Tracker) string {
		ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
		defer cancel()
		e, err := tr.Wait(ctx)
		if err != nil {
			return "tracker error: " + err.Error()
		}
		return "tracker: " + e.String()
	}
	return []hostile.Entry{
		{Name: "Dial, Close(4000), Wait", MakesFunction: true, Run: func() string {
			ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
			defer cancel()
			c, tr, err := Dial(ctx, open, nil)
			if err != nil {
				return "error: " + err.Error() + "; " + wait(tr)
			}
			if err := Close(c, 4000, "bye"); err != nil {
				return "error: Close: " + err.Error() + "; " + wait(tr)
			}
			return "dialled and closed; " + wait(tr)
		}},
		{Name: "Dial(refused), Wait", MakesFunction: true, Run: func() string {
			ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
			defer cancel()
			c, tr, err := Dial(ctx, refused, nil)
			if err == nil {
				c.CloseNow()
				return "dialled: something listens at " + refused
			}
			return "error: " + err.Error() + "; " + wait(tr)
		}},
		{Name: "Run(a server that closes with 1000)", MakesFunction: true, Run: func() string {
			ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
			defer cancel()
			p := closeevent.Policy{Min: 10 * time.Millisecond, Max: 20 * time.Millisecond, MaxAttempts: 2}
			e, err := Run(ctx, p, normal, nil, func(ctx context.Context, c *websocket.Conn) error {
				_, _, err := c.Read(ctx)
				return err
			})
			if err != nil {
				return "error: " + err.Error() + "; " + e.String()
			}
			return e.String()
		}},
		{Name: "Close(nil conn)", Run: func() string {
			return "error: " + Close(nil, closeevent.NormalClosure, "").Error()
		}},
	}
}

func TestEntryPoints_PollutedPrototypes(t *testing.T) {
	hostile.Check(t, pollutionEntries(t), false)
}

func TestEntryPoints_PollutedArrayIndices(t *testing.T) {
	hostile.Check(t, pollutionEntries(t), true)
}
