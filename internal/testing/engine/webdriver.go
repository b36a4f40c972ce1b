//go:build !js

package engine

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"strings"
)

// WebDriverError is an error a W3C WebDriver remote end returned (WebDriver,
// "Errors"): an HTTP status with a JSON body naming the error.
type WebDriverError struct {
	Command string // such as "POST /session"
	Status  int    // the HTTP status
	Code    string // the error code, such as "javascript error"
	Message string
}

func (e *WebDriverError) Error() string {
	return fmt.Sprintf("webdriver %s: HTTP %d: %s: %s", e.Command, e.Status, e.Code, e.Message)
}

// webDriver is a minimal W3C WebDriver client: JSON over HTTP to a remote
// end on loopback, such as WebKitWebDriver.
type webDriver struct {
	base   string // http://127.0.0.1:PORT
	client *http.Client
}

// webDriverMaxBody bounds a response body: a page's result JSON comes back
// inside one.
const webDriverMaxBody = 64 << 20

// do sends a command and decodes the "value" member of the answer into
// out (unless nil).
func (w *webDriver) do(ctx context.Context, method, path string, body, out any) error {
	command := method + " " + path
	var rd io.Reader
	if body != nil {
		b, err := json.Marshal(body)
		if err != nil {
			return fmt.Errorf("engine: webdriver %s: %w", command, err)
		}
		rd = bytes.NewReader(b)
	}
	req, err := http.NewRequestWithContext(ctx, method, w.base+path, rd)
	if err != nil {
		return fmt.Errorf("engine: webdriver %s: %w", command, err)
	}
	if body != nil {
		req.Header.Set("Content-Type", "application/json; charset=utf-8")
	}
	resp, err := w.client.Do(req)
	if err != nil {
		return fmt.Errorf("engine: webdriver %s: %w", command, err)
	}
	defer resp.Body.Close()
	data, err := io.ReadAll(io.LimitReader(resp.Body, webDriverMaxBody))
	if err != nil {
		return fmt.Errorf("engine: webdriver %s: reading the answer: %w", command, err)
	}
	var answer struct {
		Value json.RawMessage `json:"value"`
	}
	if err := json.Unmarshal(data, &answer); err != nil {
		return fmt.Errorf("engine: webdriver %s: HTTP %d, not JSON: %q", command, resp.StatusCode, truncate(string(data), 200))
	}
	if resp.StatusCode != http.StatusOK {
		var e struct {
			Error   string `json:"error"`
			Message string `json:"message"`
		}
		_ = json.Unmarshal(answer.Value, &e)
		return &WebDriverError{Command: command, Status: resp.StatusCode, Code: e.Error, Message: e.Message}
	}
	if out == nil {
		return nil
	}
	if err := json.Unmarshal(answer.Value, out); err != nil {
		return fmt.Errorf("engine: webdriver %s: decoding the value: %w", command, err)
	}
	return nil
}

// truncate returns s cut to at most n bytes, with "…" when it was cut.
func truncate(s string, n int) string {
	if len(s) <= n {
		return s
	}
	return strings.ToValidUTF8(s[:n], "") + "…"
}
