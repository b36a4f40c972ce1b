//go:build !js

package engine

import (
	"context"
	"encoding/json"
	"fmt"
	"sync"

	"github.com/coder/websocket"
)

// bidiReadLimit bounds one WebDriver BiDi message: a page's result JSON
// comes back inside one.
const bidiReadLimit = 64 << 20

// BiDiError is an error a WebDriver BiDi remote end returned for a command
// (WebDriver BiDi, "Errors"), such as "invalid argument" or "no such frame".
type BiDiError struct {
	Method  string // the command, such as "script.evaluate"
	Code    string // the error code, such as "unknown error"
	Message string
}

func (e *BiDiError) Error() string {
	return "bidi " + e.Method + ": " + e.Code + ": " + e.Message
}

// bidiConn is a minimal WebDriver BiDi client over one WebSocket: commands
// with ids, their results or errors, and events handed to onEvent.
type bidiConn struct {
	ws      *websocket.Conn
	onEvent func(method string, params json.RawMessage)

	mu      sync.Mutex
	nextID  int64
	pending map[int64]chan bidiMessage
	readErr error         // why the read loop ended; set before done closes
	done    chan struct{} // closed when the read loop ends
}

// bidiMessage is any message from the remote end: a command's success or
// error (with its id), or an event (WebDriver BiDi, "Transport").
type bidiMessage struct {
	Type    string          `json:"type"`
	ID      *int64          `json:"id"`
	Result  json.RawMessage `json:"result"`
	Error   string          `json:"error"`
	Message string          `json:"message"`
	Method  string          `json:"method"`
	Params  json.RawMessage `json:"params"`
}

// dialBiDi connects to a WebDriver BiDi endpoint such as
// ws://127.0.0.1:PORT/session. onEvent, if not nil, is called from the read
// loop for every event and must not block.
func dialBiDi(ctx context.Context, url string, onEvent func(string, json.RawMessage)) (*bidiConn, error) {
	ws, _, err := websocket.Dial(ctx, url, nil)
	if err != nil {
		return nil, fmt.Errorf("engine: connecting to %s: %w", url, err)
	}
	ws.SetReadLimit(bidiReadLimit)
	c := &bidiConn{ws: ws, onEvent: onEvent, pending: map[int64]chan bidiMessage{}, done: make(chan struct{})}
	go c.readLoop()
	return c, nil
}

func (c *bidiConn) readLoop() {
	var err error
	for {
		var data []byte
		_, data, err = c.ws.Read(context.Background())
		if err != nil {
			break
		}
		var m bidiMessage
		if err := json.Unmarshal(data, &m); err != nil {
			continue // not ours to judge; a command waiting for it times out
		}
		if m.ID == nil {
			if m.Type == "event" && c.onEvent != nil {
				c.onEvent(m.Method, m.Params)
			}
			continue
		}
		c.mu.Lock()
		ch := c.pending[*m.ID]
		delete(c.pending, *m.ID)
		c.mu.Unlock()
		if ch != nil {
			ch <- m
		}
	}
	c.mu.Lock()
	c.readErr = err
	c.mu.Unlock()
	close(c.done)
}

// call sends a command and decodes its result into result (unless nil).
func (c *bidiConn) call(ctx context.Context, method string, params, result any) error {
	if params == nil {
		params = struct{}{}
	}
	ch := make(chan bidiMessage, 1)
	c.mu.Lock()
	c.nextID++
	id := c.nextID
	c.pending[id] = ch
	c.mu.Unlock()
	defer func() {
		c.mu.Lock()
		delete(c.pending, id)
		c.mu.Unlock()
	}()

	msg, err := json.Marshal(struct {
		ID     int64  `json:"id"`
		Method string `json:"method"`
		Params any    `json:"params"`
	}{id, method, params})
	if err != nil {
		return fmt.Errorf("engine: bidi %s: %w", method, err)
	}
	if err := c.ws.Write(ctx, websocket.MessageText, msg); err != nil {
		return fmt.Errorf("engine: bidi %s: sending: %w", method, err)
	}
	select {
	case m := <-ch:
		if m.Type == "error" {
			return &BiDiError{Method: method, Code: m.Error, Message: m.Message}
		}
		if result == nil {
			return nil
		}
		if err := json.Unmarshal(m.Result, result); err != nil {
			return fmt.Errorf("engine: bidi %s: decoding the result: %w", method, err)
		}
		return nil
	case <-c.done:
		c.mu.Lock()
		err := c.readErr
		c.mu.Unlock()
		return fmt.Errorf("engine: bidi %s: the connection ended: %w", method, err)
	case <-ctx.Done():
		return fmt.Errorf("engine: bidi %s: %w", method, context.Cause(ctx))
	}
}

// close closes the connection at once, without a closing handshake (the
// browser is about to end anyway), and waits for the read loop to end.
func (c *bidiConn) close() {
	_ = c.ws.CloseNow()
	<-c.done
}
