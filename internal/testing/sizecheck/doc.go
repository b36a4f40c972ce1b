// Package sizecheck holds the programs `make size` compares: floor, the
// smallest Go wasm program that uses syscall/js (no fmt), against which the
// shim web/main.wasm is measured as a ratio; minimal, a program that reads a
// close event by hand with fmt and syscall/js; and withcloseevent, the same
// program using closeevent.FromJS and closeevent.OnClose. The difference
// between the last two is what the closeevent package costs a program.
package sizecheck
