package wsinterop

// contextError is an error whose text is built once from a context and the
// errors it wraps, so that no message repeats a package's prefix: the
// "wsinterop: " or "closeevent: " an inner error starts with is dropped
// where the outer text already says where it comes from (see bare).
type contextError struct {
	msg  string
	errs []error
}

func (e *contextError) Error() string   { return e.msg }
func (e *contextError) Unwrap() []error { return e.errs }

// opError returns err with the context "wsinterop: op: ", err's own
// context left out; errors.Is and errors.As still reach err.
func opError(op string, err error) error {
	return &contextError{msg: "wsinterop: " + op + ": " + bare(err), errs: []error{err}}
}

// bare is err's text without the context it starts with: package
// closeevent's errors give it through their Detail method; other errors
// of this module start with "wsinterop: " or "closeevent: ".
func bare(err error) string {
	if d, ok := err.(interface{ Detail() string }); ok {
		return d.Detail()
	}
	s := err.Error()
	for _, prefix := range []string{"wsinterop: ", "closeevent: "} {
		if len(s) > len(prefix) && s[:len(prefix)] == prefix {
			return s[len(prefix):]
		}
	}
	return s
}
