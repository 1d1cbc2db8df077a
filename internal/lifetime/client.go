package lifetime

import (
	"context"
	"crypto/tls"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net"
	"net/http"
	"net/url"
	"os"
	"strings"
	"time"

	"github.com/zonegen/zonegen/internal/certcheck"
)

// APIPath is the base path of the LifeTime Deployment API v2 (lifetime-deployment-api-v2.md,
// "Base URL").
const APIPath = "/lifetimeapi/rest/v2"

// Defaults for Options.
const (
	DefaultTimeout = 60 * time.Second
	// DefaultMaxResponse bounds one response body. The modules list of a factory with 20,000
	// modules in three environments is about 10 MB; 256 MiB leaves room without letting a
	// broken or hostile endpoint exhaust memory.
	DefaultMaxResponse = 256 << 20
	maxTokenFile       = 64 << 10
	maxErrorBody       = 64 << 10
)

// Options configure a Client.
type Options struct {
	// URL is the LifeTime address, https://host[:port], optionally with the API's base path.
	URL string
	// Token is the service account's token (User Management > Service Accounts).
	Token string
	// CAFile is a PEM bundle trusted besides the system's roots (a private CA), or "".
	CAFile string
	// Timeout bounds each request, connection and TLS handshake included; 0 is DefaultTimeout.
	Timeout time.Duration
	// MaxResponse bounds each response body in bytes; 0 is DefaultMaxResponse.
	MaxResponse int64
}

// Client reads the LifeTime Deployment API v2. It never puts its token in an error.
type Client struct {
	base    *url.URL
	token   string
	http    *http.Client
	maxBody int64
}

// Error is a failed call: which endpoint, what LifeTime answered and what to do.
type Error struct {
	Endpoint string // "GET https://lt.example.com/lifetimeapi/rest/v2/environments/"
	Status   int    // HTTP status, 0 when there was no answer
	Msg      string
}

func (e *Error) Error() string { return e.Endpoint + ": " + e.Msg }

// ParseURL checks a LifeTime address: HTTPS only (the API's only scheme), a host, no
// credentials, query or fragment. A bare address gets the API's base path.
func ParseURL(raw string) (*url.URL, error) {
	for _, r := range raw {
		if r < 0x21 || r > 0x7e {
			return nil, fmt.Errorf("LifeTime URL %+q: use printable ASCII without spaces", raw)
		}
	}
	u, err := url.Parse(raw)
	if err != nil || u.Host == "" || u.Opaque != "" {
		return nil, fmt.Errorf("LifeTime URL %+q: write https://<lifetime host>", raw)
	}
	switch {
	case u.Scheme != "https":
		return nil, fmt.Errorf("LifeTime URL %+q: the LifeTime API is HTTPS only; write https://%s", raw, u.Host)
	case u.User != nil:
		return nil, fmt.Errorf("LifeTime URL: remove the user name and password; the token comes from --token-file or ZONEGEN_LIFETIME_TOKEN")
	case u.RawQuery != "" || u.Fragment != "" || u.ForceQuery:
		return nil, fmt.Errorf("LifeTime URL %+q: remove the query and fragment", raw)
	}
	u.Path = strings.TrimRight(u.Path, "/")
	if u.Path == "" {
		u.Path = APIPath
	}
	u.RawPath = ""
	return u, nil
}

// ReadToken reads a token file: one line, surrounding white space ignored. The error
// never quotes the file's content.
func ReadToken(name string) (string, error) {
	f, err := os.Open(name)
	if err != nil {
		return "", fmt.Errorf("token file: %w", err)
	}
	defer f.Close()
	b, err := io.ReadAll(io.LimitReader(f, maxTokenFile+1))
	if err != nil {
		return "", fmt.Errorf("token file %s: %w", name, err)
	}
	if len(b) > maxTokenFile {
		return "", fmt.Errorf("token file %s is larger than %d KiB: give the file holding only the service account's token", name, maxTokenFile>>10)
	}
	return strings.TrimSpace(string(b)), nil
}

// CheckToken refuses an empty token or one that cannot be an HTTP header value, without
// saying what it holds.
func CheckToken(token string) error {
	if token == "" {
		return errors.New("no LifeTime token: pass --token-file FILE or set ZONEGEN_LIFETIME_TOKEN to a service account's token")
	}
	for i := 0; i < len(token); i++ {
		if token[i] < 0x21 || token[i] > 0x7e {
			return fmt.Errorf("the LifeTime token holds a space, control or non-ASCII character at byte %d: give the token alone", i+1)
		}
	}
	return nil
}

// New makes a client; it checks the URL, the token and the CA file but does not connect.
func New(opts Options) (*Client, error) {
	base, err := ParseURL(opts.URL)
	if err != nil {
		return nil, err
	}
	if err := CheckToken(opts.Token); err != nil {
		return nil, err
	}
	var cas []string
	if opts.CAFile != "" {
		cas = []string{opts.CAFile}
	}
	roots, err := certcheck.Roots(cas...)
	if err != nil {
		return nil, fmt.Errorf("--ca: %w", err)
	}
	timeout := opts.Timeout
	if timeout <= 0 {
		timeout = DefaultTimeout
	}
	maxBody := opts.MaxResponse
	if maxBody <= 0 {
		maxBody = DefaultMaxResponse
	}
	tr := &http.Transport{
		Proxy:                 http.ProxyFromEnvironment,
		DialContext:           (&net.Dialer{Timeout: timeout}).DialContext,
		TLSClientConfig:       &tls.Config{RootCAs: roots, MinVersion: tls.VersionTLS12},
		TLSHandshakeTimeout:   timeout,
		ResponseHeaderTimeout: timeout,
		ForceAttemptHTTP2:     true,
	}
	hc := &http.Client{
		Transport: tr,
		Timeout:   timeout,
		// Go keeps Authorization only on redirects to the same host; refuse any that would
		// leave HTTPS.
		CheckRedirect: func(req *http.Request, via []*http.Request) error {
			if req.URL.Scheme != "https" {
				return fmt.Errorf("LifeTime redirected to %s, which is not HTTPS", req.URL.Redacted())
			}
			if len(via) >= 5 {
				return errors.New("more than 5 redirects")
			}
			return nil
		},
	}
	return &Client{base: base, token: opts.Token, http: hc, maxBody: maxBody}, nil
}

// URL is the address the client reads, with the API's base path.
func (c *Client) URL() string { return c.base.String() }

// Environments lists the environments LifeTime manages (GET /environments/).
func (c *Client) Environments(ctx context.Context) ([]Environment, error) {
	var out []Environment
	return out, c.get(ctx, "/environments/", nil, &out)
}

// Zones lists an environment's deployment zones (GET /environments/{key}/deploymentzones/).
func (c *Client) Zones(ctx context.Context, envKey string) ([]DeploymentZone, error) {
	var out []DeploymentZone
	return out, c.get(ctx, "/environments/"+url.PathEscape(envKey)+"/deploymentzones/", nil, &out)
}

// Applications lists every application with its status (zone) per environment
// (GET /applications/?IncludeEnvStatus=true).
func (c *Client) Applications(ctx context.Context) ([]Application, error) {
	var out []Application
	return out, c.get(ctx, "/applications/", url.Values{"IncludeEnvStatus": {"true"}}, &out)
}

// Modules lists every module with its application per environment
// (GET /modules/?IncludeEnvStatus=true; without it the status is not returned).
func (c *Client) Modules(ctx context.Context) ([]Module, error) {
	var out []Module
	return out, c.get(ctx, "/modules/", url.Values{"IncludeEnvStatus": {"true"}}, &out)
}

// get reads one list into out. 204 No Content is an empty list (the reference's answer
// when there is nothing to list).
func (c *Client) get(ctx context.Context, path string, query url.Values, out any) error {
	u := *c.base
	u.Path += path
	u.RawQuery = query.Encode()
	endpoint := "GET " + u.String()
	err := c.do(ctx, &u, out)
	if err == nil {
		return nil
	}
	var le *Error
	if !errors.As(err, &le) {
		le = &Error{Msg: err.Error()}
	}
	le.Endpoint = endpoint
	le.Msg = c.redact(le.Msg)
	return le
}

func (c *Client) do(ctx context.Context, u *url.URL, out any) error {
	req, err := http.NewRequestWithContext(ctx, http.MethodGet, u.String(), nil)
	if err != nil {
		return err
	}
	req.Header.Set("Authorization", "Bearer "+c.token)
	req.Header.Set("Accept", "application/json")
	resp, err := c.http.Do(req)
	if err != nil {
		var ue *url.Error
		if errors.As(err, &ue) {
			err = ue.Err // the endpoint is named once, by get
		}
		return &Error{Msg: "no answer from LifeTime: " + err.Error()}
	}
	defer resp.Body.Close()
	switch {
	case resp.StatusCode == http.StatusNoContent:
		return nil
	case resp.StatusCode == http.StatusOK:
		return c.decode(resp.Body, out)
	}
	detail := c.exception(resp.Body)
	status := resp.Status
	var msg string
	switch code := resp.StatusCode; {
	case code == http.StatusUnauthorized || code == http.StatusForbidden:
		msg = status + ": LifeTime refused the service account" + detail + ". Check that the token " +
			"(--token-file or ZONEGEN_LIFETIME_TOKEN) is a current token of an active LifeTime service " +
			"account (User Management > Service Accounts) whose role can at least read applications in every environment"
	case code == http.StatusNotFound:
		msg = status + detail + ": check --url; it must be the LifeTime environment's address, " +
			"https://<lifetime host> (the API is under " + APIPath + ")"
	case code >= 500:
		msg = status + ": the LifeTime endpoint failed" + detail + "; try again later or look at LifeTime's error log"
	default:
		msg = status + detail
	}
	return &Error{Status: resp.StatusCode, Msg: msg}
}

// decode reads a JSON array of at most maxBody bytes into out.
func (c *Client) decode(body io.Reader, out any) error {
	lr := &io.LimitedReader{R: body, N: c.maxBody + 1}
	dec := json.NewDecoder(lr)
	err := dec.Decode(out)
	if lr.N <= 0 {
		return &Error{Msg: fmt.Sprintf("the answer is larger than %s, the limit on one response", size(c.maxBody))}
	}
	if err != nil {
		return &Error{Msg: "LifeTime answered malformed JSON (" + err.Error() + "); is --url the LifeTime API?"}
	}
	if _, err := dec.Token(); err != io.EOF {
		return &Error{Msg: "LifeTime answered malformed JSON: data after the list"}
	}
	return nil
}

// exception summarises LifeTime's Exception body, if there is one, as ` (errors: ...)`.
func (c *Client) exception(body io.Reader) string {
	b, _ := io.ReadAll(io.LimitReader(body, maxErrorBody))
	var ex apiException
	if json.Unmarshal(b, &ex) != nil || len(ex.Errors) == 0 {
		return ""
	}
	msg := c.redact(strings.Join(ex.Errors, "; "))
	if len(msg) > 500 {
		msg = msg[:500] + "..."
	}
	return fmt.Sprintf(" (LifeTime says %+q)", msg)
}

// redact removes the token from a message, whatever echoed it.
func (c *Client) redact(msg string) string {
	if c.token == "" {
		return msg
	}
	return strings.ReplaceAll(msg, c.token, "[token]")
}

// size prints a byte count in KiB or MiB.
func size(n int64) string {
	if n < 1<<20 {
		return fmt.Sprintf("%d KiB", n>>10)
	}
	return fmt.Sprintf("%d MiB", n>>20)
}
