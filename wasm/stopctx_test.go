package main

import (
	"context"
	"errors"
	"testing"
)

func TestStopCtx(t *testing.T) {
	c := newStopCtx()
	if err := c.Err(); err != nil {
		t.Errorf("Err before stop = %v, want nil", err)
	}
	select {
	case <-c.Done():
		t.Fatal("Done is closed before stop")
	default:
	}
	if _, ok := c.Deadline(); ok {
		t.Error("a stopCtx has a deadline")
	}
	c.stop()
	c.stop() // a second stop does nothing
	<-c.Done()
	if err := c.Err(); !errors.Is(err, context.Canceled) {
		t.Errorf("Err after stop = %v, want context.Canceled", err)
	}
	if v := c.Value("k"); v != nil {
		t.Errorf("Value = %v, want nil", v)
	}
}
