package main

// version is the shim's version string, the JS API's closeevent.version.
// A release build may set it with -ldflags "-X main.version=v1.2.3".
var version = "0.1.0-dev"
