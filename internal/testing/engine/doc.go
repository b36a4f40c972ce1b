// Package engine runs closeshim's browser pages in real browser engines and
// reads back what they report. Engine is the one interface the tests and
// commands need; three drivers implement it:
//
//   - Chromium over the DevTools protocol, with chromedp (chromium.go);
//   - Firefox over WebDriver BiDi, which firefox serves itself when started
//     with --remote-debugging-port: no geckodriver (firefox.go, bidi.go);
//   - WebKit through WebKitWebDriver (W3C WebDriver over HTTP) driving
//     WebKitGTK's MiniBrowser on an Xvfb display (webkit.go, webdriver.go,
//     xvfb.go).
//
// Each Open starts a browser of its own with a fresh profile, on loopback
// only, and Session.Close ends every process it started and removes its
// temporary directories. New returns an engine by name; an engine that is
// not installed gives an error wrapping ErrNoBrowser, which tests turn into
// a skip.
//
// A harness page reports by setting globalThis.harnessResult (ResultVar)
// to {passed, failed, failures: [...]} when it is done; Run waits for it.
package engine
