package topology

import (
	"fmt"
	"net/netip"
	"regexp"
	"strings"
)

// Names that reach nginx, HAProxy, YAML, DOT and file paths are checked before any template
// runs: a name like `x dz2; Admin dz1;` passes `nginx -t` and silently reroutes traffic, and
// HAProxy truncates at `#` (notes/proxies.md §6.4). Only the patterns below get through.
var (
	// labelRE is one RFC 1123 host name label.
	labelRE = regexp.MustCompile(`^[A-Za-z0-9]([A-Za-z0-9-]{0,61}[A-Za-z0-9])?$`)
	// pathRE is an HTTP health-check path: no spaces, quotes, '#' or '%'.
	pathRE = regexp.MustCompile(`^/[A-Za-z0-9._~/-]{0,200}$`)
	// expectRE is the string a health check expects in the body: one word for HAProxy.
	expectRE = regexp.MustCompile(`^[A-Za-z0-9._:-]{1,64}$`)
	// filePathRE is an absolute file path on the proxy machine (certificates, maps).
	filePathRE = regexp.MustCompile(`^/[A-Za-z0-9._/-]{1,250}$`)
	// numericLabelRE is a label inet_aton (glibc, Windows, curl) reads as a number: decimal,
	// octal with a leading 0, or hex with 0x. A host whose last label is one of them is an
	// address in disguise (0x7f000001 and 0177.0.0.1 are 127.0.0.1); a real top-level domain is
	// never numeric (RFC 3696 §2).
	numericLabelRE = regexp.MustCompile(`^([0-9]+|0[xX][0-9A-Fa-f]*)$`)
	// sourceNameRE is the source file's base name (Plan.Source): it is printed in the
	// header comment of every generated file and in messages, so a newline or a lone
	// carriage return would start a line of nginx, HAProxy, YAML or DOT of its own, and
	// invalid UTF-8 makes YAML unreadable (issue 12, hole 1). Printable ASCII only.
	sourceNameRE = regexp.MustCompile(`^[ -~]{1,255}$`)
)

const nameHint = "use 1-63 letters, digits, '_' or '-', starting with a letter"

// isName reports whether s has the shape of an environment, zone, app, module or proxy
// name: ^[A-Za-z][A-Za-z0-9_-]{0,62}$ (FuzzName holds it to that pattern). A loop, not the
// regexp: every module of the source is checked, and the regexp was a seventh of
// decoding and resolving the M bench tier.
func isName(s string) bool {
	if len(s) == 0 || len(s) > 63 || !isLetter(s[0]) {
		return false
	}
	for i := 1; i < len(s); i++ {
		if c := s[i]; !isLetter(c) && !(c >= '0' && c <= '9') && c != '_' && c != '-' {
			return false
		}
	}
	return true
}

func isLetter(c byte) bool { return c >= 'A' && c <= 'Z' || c >= 'a' && c <= 'z' }

// checkName returns why name is not a valid environment/zone/app/module/proxy name.
func checkName(name string) (string, bool) {
	if isName(name) {
		return "", true
	}
	if name == "" {
		return "empty name", false
	}
	if len(name) > 63 {
		return fmt.Sprintf("name is %d characters long, at most 63 are allowed", len(name)), false
	}
	return fmt.Sprintf("invalid name %s: it could inject configuration into nginx, HAProxy or hosts files", quote(name)), false
}

// CheckSourceName returns an *InvalidError when name, the base name of the source file,
// cannot be printed in a header; nil when it can. Resolve applies the same rule, so a Plan
// never holds such a name; callers check it before evaluating, so that no message prints it.
func CheckSourceName(name string) error {
	r := &resolver{report: &Report{}}
	r.sourceName(name)
	return r.report.Err()
}

// sourceName reports a source file name that is not printable ASCII.
func (r *resolver) sourceName(name string) {
	if !sourceNameRE.MatchString(name) {
		r.errorf("(source)", "", "rename the file using printable ASCII only",
			"source file name %s is not printable ASCII: it is printed in the header of every generated file", quote(name))
	}
}

// hostKind tells how a host string was recognised.
type hostKind int

const (
	hostName hostKind = iota
	hostIPv4
	hostIPv6
)

// checkHost validates a bare host: an RFC 1123 name, or an IPv4/IPv6 literal. Never a
// scheme, port or path: a Deployment Zone Address is "a host name or IP with no port and no
// path" (FACTS §2), and the Hostname likewise (FACTS §1).
func checkHost(s string) (hostKind, string) {
	switch {
	case s == "":
		return 0, "empty host"
	case strings.Contains(s, "://"):
		return 0, fmt.Sprintf("%s has a scheme; write the bare host name", quote(s))
	case strings.HasPrefix(s, "[") && strings.HasSuffix(s, "]"):
		return 0, fmt.Sprintf("%s is bracketed; write the IPv6 address without brackets", quote(s))
	case strings.Contains(s, "/"):
		return 0, fmt.Sprintf("%s has a path; write the bare host name", quote(s))
	}
	if ip, err := netip.ParseAddr(s); err == nil {
		if ip.Zone() != "" {
			return 0, fmt.Sprintf("%s has an IPv6 zone; write the address alone", quote(s))
		}
		if ip.Is4() {
			return hostIPv4, ""
		}
		if ip.Is4In6() {
			// nginx, HAProxy and Windows treat ::ffff:a.b.c.d differently; one spelling only.
			return 0, fmt.Sprintf("%s is an IPv4-mapped IPv6 address; write the IPv4 address %s", quote(s), ip.Unmap())
		}
		return hostIPv6, ""
	}
	if i := strings.LastIndex(s, ":"); i > 0 && !strings.Contains(s[:i], ":") {
		return 0, fmt.Sprintf("%s has a port; write the bare host name (only ports 80/443 are supported)", quote(s))
	}
	if strings.HasSuffix(s, ".") {
		return 0, fmt.Sprintf("%s ends with a dot; write the name without the trailing dot", quote(s))
	}
	if len(s) > 253 {
		return 0, fmt.Sprintf("host name is %d characters long, at most 253 are allowed", len(s))
	}
	labels := strings.Split(s, ".")
	allDigits := true
	for _, l := range labels {
		if !labelRE.MatchString(l) {
			return 0, fmt.Sprintf("invalid host %s: use RFC 1123 names (letters, digits, '-', dots) or an IP address", quote(s))
		}
		if strings.Trim(l, "0123456789") != "" {
			allDigits = false
		}
	}
	if allDigits {
		return 0, fmt.Sprintf("invalid IP address %s", quote(s))
	}
	if numericLabelRE.MatchString(labels[len(labels)-1]) {
		return 0, fmt.Sprintf("%s ends in a numeric label: resolvers read such hosts as IP addresses (0x7f000001 and 0177.0.0.1 are 127.0.0.1) and no top-level domain is numeric; write an IP address in dotted decimal, or a name whose last label has a letter", quote(s))
	}
	return hostName, ""
}

// quote prints a user string safely in a message: ASCII only, control characters escaped.
func quote(s string) string { return fmt.Sprintf("%+q", s) }

// quoteList quotes each of names and joins them with commas.
func quoteList(names []string) string {
	q := make([]string, len(names))
	for i, n := range names {
		q[i] = quote(n)
	}
	return strings.Join(q, ", ")
}

// ipOK is an IP literal as checkHost takes it: no IPv6 zone (it would carry any text into a
// config), no IPv4-mapped form.
func ipOK(s string) bool {
	kind, msg := checkHost(s)
	return msg == "" && kind != hostName
}

// isIP reports whether host is an IP literal (already checked).
func isIP(host string) bool {
	_, err := netip.ParseAddr(host)
	return err == nil
}
