package topology

// HTTP Strict Transport Security at the edge (production-day.md, "what operators expect
// next": security headers/HSTS at the edge). OutSystems sends Strict-Transport-Security
// itself when the environment's HSTS setting is on (LifeTime's Environment Security,
// security/enforce-https-security.md); a proxy with proxies.P.hsts replaces that header on
// every HTTPS answer, its own 404, 403 and 503 included, so browsers get one policy,
// written in the source, whatever each front-end says: a UA keeps only the first of several
// (RFC 6797 §8.1). The plain-HTTP listener's redirect carries none: the header is ignored
// there (RFC 6797 §7.2, §8.1). Content-Security-Policy stays the platform's: OutSystems
// warns that setting it outside LifeTime sends its directives twice
// (security/apply-content-security-policy.md, "Duplicated configuration").

import (
	"fmt"
	"strings"
)

// HSTS max-age unless maxAge says otherwise, and its bound: a year is what OWASP's HSTS
// cheat sheet settles on; a policy longer than two years outlives the certificates and
// names it was written for, and browsers keep it as long as it says.
const (
	defaultHSTSMaxAge = 365 * 24 * 3600
	maxHSTSMaxAge     = 2 * defaultHSTSMaxAge
)

// hsts resolves proxies.P.hsts of proxy px at pp; nil when unset.
func (r *resolver) hsts(pp string, px *ProxyPlan, h *HSTS) *HSTSPlan {
	if h == nil {
		return nil
	}
	path := pp + ".hsts"
	hp := &HSTSPlan{MaxAge: defaultHSTSMaxAge, IncludeSubDomains: h.IncludeSubDomains}
	if h.MaxAge != nil {
		hp.MaxAge = *h.MaxAge
	}
	switch {
	case px.TLS == TLSNone:
		r.errorf(path, "", "use tls: offload or reencrypt, or drop hsts",
			"hsts on a proxy with tls: none: browsers ignore Strict-Transport-Security over plain HTTP (RFC 6797 §8.1)")
		return nil
	case isIP(px.Host):
		r.errorf(path, "", "give the proxy a host name, or drop hsts",
			"hsts on a proxy whose host %s is an IP address: browsers ignore Strict-Transport-Security from an IP address (RFC 6797 §8.1.1)", px.Host)
		return nil
	case hp.MaxAge < 0 || hp.MaxAge > maxHSTSMaxAge:
		r.errorf(path+".maxAge", "", fmt.Sprintf("seconds from 0 to %d (two years); default %d (a year)", maxHSTSMaxAge, defaultHSTSMaxAge),
			"maxAge %d is outside 0-%d seconds", hp.MaxAge, maxHSTSMaxAge)
		return nil
	case hp.MaxAge == 0:
		r.warnf(path+".maxAge", "", "keep it deployed for the old maxAge, then drop hsts",
			"maxAge 0 tells browsers to forget %s's HTTPS-only policy", px.Host)
	}
	return hp
}

// hstsPlainHosts refuses a proxy with tls: none under the host of a policy with
// includeSubDomains, in any environment: browsers that saw the policy turn its http://
// into https://, where it does not listen. (Its own host no other proxy has: R9.)
func (r *resolver) hstsPlainHosts(plan *Plan) {
	for _, e := range plan.Environments {
		for _, p := range e.Proxies {
			if p.HSTS == nil || !p.HSTS.IncludeSubDomains {
				continue
			}
			under := "." + strings.ToLower(p.Host)
			for _, e2 := range plan.Environments {
				for _, plain := range e2.Proxies {
					if plain.TLS == TLSNone && strings.HasSuffix(strings.ToLower(plain.Host), under) {
						r.errorf(joinKey(joinKey("environments", e2.Name)+".proxies", plain.Name)+".tls", "",
							"serve it over HTTPS (tls: offload), or drop includeSubDomains from that policy",
							"host %s is plain HTTP, but the HSTS policy of proxy %s (environment %s) covers every name under %s (includeSubDomains): browsers that saw that policy reach it over HTTPS only",
							plain.Host, quote(p.Name), quote(e.Name), p.Host)
					}
				}
			}
		}
	}
}
