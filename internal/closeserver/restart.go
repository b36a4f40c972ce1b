//go:build !js

package closeserver

import (
	"errors"
	"strconv"
	"sync"
	"time"
)

// KeyIdle is how long the server remembers a key (key=NAME&times=N) after
// its last connection, once MaxKeys keys are counted.
const KeyIdle = 10 * time.Minute

// keyCounts counts the connections of each key, for Plan.Key and
// Plan.Times.
type keyCounts struct {
	mu   sync.Mutex
	keys map[string]*keyCount
}

type keyCount struct {
	n    int
	last time.Time
}

// errTooManyKeys is what next returns when MaxKeys keys are in use.
var errTooManyKeys = errors.New("the server counts " + strconv.Itoa(MaxKeys) +
	" keys already, each used in the last " + KeyIdle.String() + "; try again later, or reuse a key")

// next counts one more connection of key and returns its number, from 1.
// When MaxKeys keys are counted, it forgets those idle for KeyIdle, and
// fails if none is.
func (k *keyCounts) next(key string, now time.Time) (int, error) {
	k.mu.Lock()
	defer k.mu.Unlock()
	if k.keys == nil {
		k.keys = map[string]*keyCount{}
	}
	c := k.keys[key]
	if c == nil {
		if len(k.keys) >= MaxKeys {
			for name, old := range k.keys {
				if now.Sub(old.last) >= KeyIdle {
					delete(k.keys, name)
				}
			}
			if len(k.keys) >= MaxKeys {
				return 0, errTooManyKeys
			}
		}
		c = &keyCount{}
		k.keys[key] = c
	}
	c.n++
	c.last = now
	return c.n, nil
}

// forKey returns the plan a connection of plan's key acts on: plan itself
// for the first plan.Times connections of the key, then the echo. A plan
// without a key is returned as it is.
func (s *Server) forKey(plan Plan) (Plan, error) {
	if plan.Key == "" {
		return plan, nil
	}
	n, err := s.keys.next(plan.Key, time.Now())
	if err != nil {
		return Plan{}, err
	}
	if n > plan.Times {
		return Plan{}, nil
	}
	return plan, nil
}
