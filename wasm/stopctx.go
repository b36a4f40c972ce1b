package main

import (
	"context"
	"sync"
	"time"
)

// stopCtx is a context.Context that ends when stop is called, and never
// otherwise: what reconnect's loop and track's wait need. It stands in for
// context.Background and context.WithCancel, whose machinery (parent
// propagation, names built for printing) costs the shim's wasm more than
// this.
type stopCtx struct {
	once sync.Once
	done chan struct{}
}

func newStopCtx() *stopCtx { return &stopCtx{done: make(chan struct{})} }

// stop ends the context; calling it again does nothing.
func (c *stopCtx) stop() { c.once.Do(func() { close(c.done) }) }

func (c *stopCtx) Deadline() (time.Time, bool) { return time.Time{}, false }

func (c *stopCtx) Done() <-chan struct{} { return c.done }

func (c *stopCtx) Err() error {
	select {
	case <-c.done:
		return context.Canceled
	default:
		return nil
	}
}

func (c *stopCtx) Value(any) any { return nil }

var _ context.Context = (*stopCtx)(nil)
