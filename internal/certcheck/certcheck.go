package certcheck

import (
	"context"
	"crypto/tls"
	"crypto/x509"
	"errors"
	"fmt"
	"net"
	"os"
	"strings"
	"time"

	"github.com/zonegen/zonegen/internal/workers"
	"github.com/zonegen/zonegen/topology"
)

// DefaultWarnDays is how close to expiry a certificate warns: the Ansible role's
// zonegen_certificate_warn_days.
const DefaultWarnDays = 30

// DefaultTimeout bounds each connection and handshake.
const DefaultTimeout = 5 * time.Second

// Options say what to trust and when to warn.
type Options struct {
	// Roots verify the chains; nil: the system roots.
	Roots *x509.CertPool
	// Warn: a certificate expiring within it warns; 0: DefaultWarnDays days.
	Warn time.Duration
	// Timeout bounds each dial and handshake; 0: DefaultTimeout.
	Timeout time.Duration
	// Now is the time expiry is judged at; nil: time.Now.
	Now func() time.Time
}

// Verdicts of a Result.
const (
	OK   = "ok"
	Warn = "WARN"
	Fail = "FAIL"
)

// Result is one check: one name a certificate must cover, at one endpoint ("" Name: the
// certificate is verified by its chain only).
type Result struct {
	Env string `json:"env"`
	// Kind is the presenter's kind (topology.CertProxy, ...).
	Kind      string `json:"kind"`
	Presenter string `json:"presentedBy"`
	Endpoint  string `json:"endpoint"`
	Name      string `json:"name"`
	// NotAfter is the leaf's expiry; zero when nothing answered.
	NotAfter time.Time `json:"notAfter"`
	DaysLeft int       `json:"daysLeft"`
	Verdict  string    `json:"verdict"`
	// Detail says what is wrong, as a sentence naming the endpoint; "" when OK.
	Detail string `json:"detail,omitempty"`
}

// Roots is the system roots plus every PEM certificate of files (a private CA): what
// `zonegen certificates` and the LifeTime client (--ca) trust.
func Roots(files ...string) (*x509.CertPool, error) {
	roots, err := x509.SystemCertPool()
	if err != nil {
		roots = x509.NewCertPool()
	}
	for _, f := range files {
		pem, err := os.ReadFile(f)
		if err != nil {
			return nil, err
		}
		if !roots.AppendCertsFromPEM(pem) {
			return nil, fmt.Errorf("%s: no PEM certificate in it", f)
		}
	}
	return roots, nil
}

// Check dials every endpoint of every certificate of plan's inventory
// (topology.Plan.Certificates), once per name it must cover, with that name as SNI, and
// judges what answers: FAIL when nothing answers TLS, the leaf does not cover the name,
// its chain is not trusted or it has expired; WARN when it expires within Warn. The
// results are in inventory order; checks run concurrently.
func Check(ctx context.Context, plan *topology.Plan, opts Options) []Result {
	jobs := targets(plan)
	opts.checkAll(ctx, jobs)
	return jobs
}

// targets are the checks of plan's inventory, not yet run.
func targets(plan *topology.Plan) []Result {
	var jobs []Result
	for _, e := range plan.Environments {
		for _, c := range plan.Certificates(e) {
			for _, ep := range c.Endpoints {
				names := []string{""}
				if len(c.Names) > 0 {
					names = names[:0]
					for _, n := range c.Names {
						names = append(names, n.Name)
					}
				}
				for _, n := range names {
					jobs = append(jobs, Result{Env: e.Name, Kind: c.Kind, Presenter: c.Presenter, Endpoint: ep.Addr(), Name: n})
				}
			}
		}
	}
	return jobs
}

// checkAll runs every check of jobs, concurrently, in place.
func (o Options) checkAll(ctx context.Context, jobs []Result) {
	workers.Each(len(jobs), func(i int) { o.check(ctx, &jobs[i]) })
}

func (o Options) check(ctx context.Context, r *Result) {
	timeout := o.Timeout
	if timeout <= 0 {
		timeout = DefaultTimeout
	}
	ctx, cancel := context.WithTimeout(ctx, timeout)
	defer cancel()
	fail := func(format string, args ...any) {
		r.Verdict, r.Detail = Fail, fmt.Sprintf(format, args...)
	}
	conn, err := (&net.Dialer{}).DialContext(ctx, "tcp", r.Endpoint)
	if err != nil {
		fail("%s at %s: %v", r.Presenter, r.Endpoint, err)
		return
	}
	defer conn.Close()
	// Verified below, by hand, so that each way to fail says which it is.
	tc := tls.Client(conn, &tls.Config{ServerName: r.Name, InsecureSkipVerify: true, MinVersion: tls.VersionTLS12})
	if err := tc.HandshakeContext(ctx); err != nil {
		fail("%s at %s: no TLS handshake%s: %v", r.Presenter, r.Endpoint, forName(r.Name), err)
		return
	}
	certs := tc.ConnectionState().PeerCertificates
	if len(certs) == 0 {
		fail("%s at %s: no certificate%s", r.Presenter, r.Endpoint, forName(r.Name))
		return
	}
	leaf := certs[0]
	now := time.Now()
	if o.Now != nil {
		now = o.Now()
	}
	r.NotAfter = leaf.NotAfter
	r.DaysLeft = int(leaf.NotAfter.Sub(now).Hours() / 24)
	if r.Name != "" {
		if err := leaf.VerifyHostname(r.Name); err != nil {
			fail("%s at %s: its certificate does not cover %s (it covers %s)", r.Presenter, r.Endpoint, r.Name, covers(leaf))
			return
		}
	}
	inter := x509.NewCertPool()
	for _, c := range certs[1:] {
		inter.AddCert(c)
	}
	// The chain, as of now; the leaf's own validity dates get their own message below.
	_, err = leaf.Verify(x509.VerifyOptions{Roots: o.Roots, Intermediates: inter, CurrentTime: now})
	var invalid x509.CertificateInvalidError
	if errors.As(err, &invalid) && invalid.Reason == x509.Expired && invalid.Cert == leaf {
		err = nil
	}
	if err != nil {
		fail("%s at %s: its certificate is not trusted: %v (pass the issuing CA with --ca)", r.Presenter, r.Endpoint, err)
		return
	}
	warn := o.Warn
	if warn <= 0 {
		warn = DefaultWarnDays * 24 * time.Hour
	}
	switch {
	case now.After(leaf.NotAfter):
		fail("%s at %s: its certificate%s expired on %s", r.Presenter, r.Endpoint, forName(r.Name), leaf.NotAfter.UTC().Format(time.DateOnly))
	case now.Before(leaf.NotBefore):
		fail("%s at %s: its certificate%s is not valid before %s", r.Presenter, r.Endpoint, forName(r.Name), leaf.NotBefore.UTC().Format(time.DateOnly))
	case leaf.NotAfter.Sub(now) < warn:
		r.Verdict = Warn
		r.Detail = fmt.Sprintf("%s at %s: its certificate%s expires on %s, in %d days: renew it", r.Presenter, r.Endpoint, forName(r.Name),
			leaf.NotAfter.UTC().Format(time.DateOnly), r.DaysLeft)
	default:
		r.Verdict = OK
	}
}

func forName(name string) string {
	if name == "" {
		return ""
	}
	return " for " + name
}

// covers lists a certificate's names, for a message.
func covers(c *x509.Certificate) string {
	var names []string
	names = append(names, c.DNSNames...)
	for _, ip := range c.IPAddresses {
		names = append(names, ip.String())
	}
	switch {
	case len(names) == 0:
		return "no name"
	case len(names) > 6:
		return fmt.Sprintf("%s and %d more", strings.Join(names[:5], ", "), len(names)-5)
	}
	return strings.Join(names, ", ")
}

// Tally counts the results that failed and warned.
func Tally(rs []Result) (failed, warned int) {
	for _, r := range rs {
		switch r.Verdict {
		case Fail:
			failed++
		case Warn:
			warned++
		}
	}
	return failed, warned
}
