// Package tracking lets closeevent/wsinterop make a *closeevent.Tracker
// that package closeevent does not export a constructor for, without
// growing closeevent's API.
package tracking

import "unsafe"

// Failed returns a *closeevent.Tracker whose Done is closed and whose Wait
// returns err. Package closeevent sets it when it is initialised, in the
// browser build only (it is nil elsewhere).
//
// It returns an unsafe.Pointer, not the *closeevent.Tracker (this package
// cannot name it) nor an interface: putting the Tracker in an interface
// value would keep all its methods in every program that imports
// closeevent, which make size measures; the caller converts the pointer
// back to *closeevent.Tracker, the one type it points to.
var Failed func(err error) unsafe.Pointer
