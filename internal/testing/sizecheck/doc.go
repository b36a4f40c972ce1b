// Package sizecheck holds the two programs `make size` compares: minimal,
// a Go wasm program that reads a close event by hand with fmt and
// syscall/js, and withcloseevent, the same program using
// closeevent.FromJS and closeevent.OnClose. The difference between their
// sizes is what the closeevent package costs a program.
package sizecheck
