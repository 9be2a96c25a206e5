// Package redact writes store names for people: a store URL without the
// secrets it may carry.
package redact

import (
	"net/url"
	"regexp"
	"strings"
)

// secretParam matches a key=value setting that carries a secret, in a URL
// query or a libpq keyword string ("host=db password=s3cret").
var secretParam = regexp.MustCompile(`(?i)\b(password|passwd|pwd|sslpassword|token|secret)=([^&\s]*)`)

// DSN returns dsn without its password: the password of a URL's user
// information and any password-like setting become "xxxxx". Everything
// newsgraph prints about a store (messages, hints, logs, the serve
// banner) goes through it.
func DSN(dsn string) string {
	out := dsn
	if strings.Contains(dsn, "://") {
		if u, err := url.Parse(dsn); err == nil {
			if _, ok := u.User.Password(); ok {
				u.User = url.UserPassword(u.User.Username(), "xxxxx")
			}
			out = u.String()
		} else if at := strings.LastIndex(dsn, "@"); at > 0 {
			// unparsable, but user information may still hold a password
			scheme := strings.Index(dsn, "://") + 3
			if colon := strings.Index(dsn[scheme:at], ":"); colon >= 0 {
				out = dsn[:scheme+colon+1] + "xxxxx" + dsn[at:]
			}
		}
	}
	return secretParam.ReplaceAllString(out, "${1}=xxxxx")
}
