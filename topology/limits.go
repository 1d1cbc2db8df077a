package topology

// Proxy size limits: the same in nginx and HAProxy, so that either engine can be deployed
// (notes/production.md §1).

import (
	"fmt"
	"regexp"
	"strconv"
)

// Default limits. The body matches the request length the OutSystems tuning gives IIS
// (OutSystems.SetupTools Lib/Constants.ps1: 256 MiB, with the 110 s execution timeout the
// proxies' timeouts follow); Service Center receives whole solution packages in one POST.
// The header limits pass the 16 KB authentication and SSO cookies (nr1<UserProvider>,
// nr2<UserProvider>) and response headers that HTTP.sys itself accepts, with room to spare.
const (
	DefaultBodyLimit            int64 = 256 << 20
	DefaultRequestHeadersLimit  int64 = 32 << 10
	DefaultResponseHeadersLimit int64 = 32 << 10
)

// DefaultLimits are the limits of a proxy that sets none.
func DefaultLimits() ProxyLimits {
	return ProxyLimits{Body: DefaultBodyLimit, RequestHeaders: DefaultRequestHeadersLimit, ResponseHeaders: DefaultResponseHeadersLimit}
}

// Bounds of the limits: a header limit under 2 KiB breaks ordinary browsers, and header
// buffers above 1 MiB are memory every connection holds (HAProxy's tune.bufsize).
const (
	minBodyLimit   int64 = 1 << 10
	maxBodyLimit   int64 = 64 << 30
	minHeaderLimit int64 = 2 << 10
	maxHeaderLimit int64 = 1 << 20
)

// sizeRE is a size with a binary unit. Decimal and one-letter units ("256MB", "256m",
// "16k") are refused: nginx reads "m" as MiB, others read "MB" as 10^6, and a limit must mean
// one number.
var sizeRE = regexp.MustCompile(`^([0-9]{1,12}) ?(B|KiB|MiB|GiB)$`)

var sizeUnits = map[string]int64{"B": 1, "KiB": 1 << 10, "MiB": 1 << 20, "GiB": 1 << 30}

// ParseSize reads a size written as "<n>B", "<n>KiB", "<n>MiB" or "<n>GiB" ("256MiB",
// "256 MiB") into bytes.
func ParseSize(s string) (int64, error) {
	m := sizeRE.FindStringSubmatch(s)
	if m == nil {
		return 0, fmt.Errorf("%s is not a size with a binary unit", quote(s))
	}
	n, err := strconv.ParseInt(m[1], 10, 64)
	if err != nil || n > (1<<62)/sizeUnits[m[2]] {
		return 0, fmt.Errorf("%s is too large", quote(s))
	}
	return n * sizeUnits[m[2]], nil
}

// FormatSize writes bytes in the largest binary unit that divides it ("256 MiB", "1500 B").
func FormatSize(n int64) string {
	for _, u := range []string{"GiB", "MiB", "KiB"} {
		if n >= sizeUnits[u] && n%sizeUnits[u] == 0 {
			return strconv.FormatInt(n/sizeUnits[u], 10) + " " + u
		}
	}
	return strconv.FormatInt(n, 10) + " B"
}

// limits resolves a proxy's limits: defaults for what is unset, each set value parsed and
// bounded.
func (r *resolver) limits(pp string, l *Limits) ProxyLimits {
	out := DefaultLimits()
	if l == nil {
		return out
	}
	for _, f := range []struct {
		name     string
		raw      string
		dst      *int64
		min, max int64
		what     string
	}{
		{"body", l.Body, &out.Body, minBodyLimit, maxBodyLimit, "the largest request body (above it: 413)"},
		{"requestHeaders", l.RequestHeaders, &out.RequestHeaders, minHeaderLimit, maxHeaderLimit, "the largest request line plus headers (above it: 400)"},
		{"responseHeaders", l.ResponseHeaders, &out.ResponseHeaders, minHeaderLimit, maxHeaderLimit, "the largest response headers (above it: 502)"},
	} {
		if f.raw == "" {
			continue
		}
		path := pp + ".limits." + f.name
		n, err := ParseSize(f.raw)
		switch {
		case err != nil:
			r.errorf(path, "", "write "+f.what+" as e.g. '256MiB', '32KiB' or '4096B' (1 KiB = 1024 bytes; 'MB', 'm' and 'k' are ambiguous)", "%v", err)
		case n < f.min || n > f.max:
			r.errorf(path, "", fmt.Sprintf("%s must be between %s and %s", f.what, FormatSize(f.min), FormatSize(f.max)),
				"%s (%s) is out of range", quote(f.raw), FormatSize(n))
		default:
			*f.dst = n
		}
	}
	return out
}
