// Package tracking lets closeevent/wsinterop make a *closeevent.Tracker
// that package closeevent does not export a constructor for, without
// growing closeevent's API.
package tracking

// Failed returns a *closeevent.Tracker, as an any, whose Done is closed and
// whose Wait returns err. Package closeevent sets it when it is
// initialised, in the browser build only (it is nil elsewhere).
var Failed func(err error) any
