package certcheck

import (
	"context"
	"crypto/tls"
	"net"
	"strings"
	"testing"
	"time"

	"github.com/zonegen/zonegen/internal/lab"
	"github.com/zonegen/zonegen/internal/lab/labtest"
)

func TestCheckJudgesWhatAnswers(t *testing.T) {
	ca, err := lab.NewCA("zonegen test CA")
	if err != nil {
		t.Fatal(err)
	}
	other, err := lab.NewCA("someone else")
	if err != nil {
		t.Fatal(err)
	}
	now := time.Now()
	issue := func(ca *lab.CA, until time.Time, names ...string) tls.Certificate {
		c, err := ca.IssueBetween(now.Add(-30*24*time.Hour), until, names...)
		if err != nil {
			t.Fatal(err)
		}
		return c.TLS
	}
	year := now.Add(365 * 24 * time.Hour)
	good := labtest.ServeTLS(t, issue(ca, year, "www.acme.test", "10.0.3.2"))
	soon := labtest.ServeTLS(t, issue(ca, now.Add(10*24*time.Hour), "www.acme.test"))
	expired := labtest.ServeTLS(t, issue(ca, now.Add(-time.Hour), "www.acme.test"))
	stranger := labtest.ServeTLS(t, issue(other, year, "www.acme.test"))
	early, err := ca.IssueBetween(now.Add(time.Hour), year, "www.acme.test")
	if err != nil {
		t.Fatal(err)
	}
	notYet := labtest.ServeTLS(t, early.TLS)
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	closed := ln.Addr().String()
	ln.Close()

	cases := []struct {
		endpoint, name, verdict, detail string
	}{
		{good, "www.acme.test", OK, ""},
		{good, "10.0.3.2", OK, ""},
		{good, "", OK, ""}, // chain only
		{good, "lb0.acme.test", Fail, "does not cover lb0.acme.test (it covers www.acme.test, 10.0.3.2)"},
		{soon, "www.acme.test", Warn, "in 9 days: renew it"},
		{expired, "www.acme.test", Fail, "expired on "},
		{stranger, "www.acme.test", Fail, "is not trusted"},
		{closed, "www.acme.test", Fail, "connection refused"},
		{notYet, "www.acme.test", Fail, "is not valid before "},
	}
	jobs := make([]Result, len(cases))
	for i, c := range cases {
		jobs[i] = Result{Env: "prod", Presenter: "proxy www", Endpoint: c.endpoint, Name: c.name}
	}
	Options{Roots: ca.Pool, Timeout: 5 * time.Second}.checkAll(context.Background(), jobs)
	for i, c := range cases {
		r := jobs[i]
		if r.Verdict != c.verdict || !strings.Contains(r.Detail, c.detail) || (c.detail == "") != (r.Detail == "") {
			t.Errorf("%s for %q: %s %q, want %s containing %q", c.endpoint, c.name, r.Verdict, r.Detail, c.verdict, c.detail)
		}
		if r.Verdict != OK && !strings.Contains(r.Detail, "proxy www at "+c.endpoint) {
			t.Errorf("%s: detail %q does not name the presenter and endpoint", c.endpoint, r.Detail)
		}
	}
	if d := jobs[0].NotAfter.Sub(year); d > time.Second || d < -time.Second {
		t.Errorf("NotAfter %s, want %s", jobs[0].NotAfter, year)
	}
}
