package lab

import (
	"crypto/ecdsa"
	"crypto/elliptic"
	"crypto/rand"
	"crypto/tls"
	"crypto/x509"
	"crypto/x509/pkix"
	"encoding/pem"
	"fmt"
	"math/big"
	"net"
	"os"
	"time"
)

// CA is a throw-away certificate authority for a lab. Its certificates are valid from an
// hour ago for a day: labs are short-lived.
type CA struct {
	Cert *x509.Certificate
	key  *ecdsa.PrivateKey
	// PEM is the CA certificate, what a proxy verifies upstreams against.
	PEM []byte
	// Pool trusts the CA only, for probes.
	Pool *x509.CertPool
}

// Cert is a leaf certificate with its key.
type Cert struct {
	// PEM holds the certificate then the key: what nginx ssl_certificate(_key) and HAProxy
	// crt both accept.
	PEM []byte
	TLS tls.Certificate
}

// NewCA makes a CA named name.
func NewCA(name string) (*CA, error) {
	key, err := ecdsa.GenerateKey(elliptic.P256(), rand.Reader)
	if err != nil {
		return nil, fmt.Errorf("test CA key: %w", err)
	}
	tmpl := &x509.Certificate{
		SerialNumber:          big.NewInt(1),
		Subject:               pkix.Name{CommonName: name},
		NotBefore:             time.Now().Add(-time.Hour),
		NotAfter:              time.Now().Add(24 * time.Hour),
		KeyUsage:              x509.KeyUsageCertSign | x509.KeyUsageCRLSign,
		BasicConstraintsValid: true,
		IsCA:                  true,
	}
	der, err := x509.CreateCertificate(rand.Reader, tmpl, tmpl, &key.PublicKey, key)
	if err != nil {
		return nil, fmt.Errorf("test CA certificate: %w", err)
	}
	cert, err := x509.ParseCertificate(der)
	if err != nil {
		return nil, err
	}
	pool := x509.NewCertPool()
	pool.AddCert(cert)
	return &CA{
		Cert: cert,
		key:  key,
		PEM:  pem.EncodeToMemory(&pem.Block{Type: "CERTIFICATE", Bytes: der}),
		Pool: pool,
	}, nil
}

// Issue makes a server certificate for names: DNS names and IP addresses (as SANs of their
// kind). The first name is the subject's common name. It is valid for a day.
func (ca *CA) Issue(names ...string) (*Cert, error) {
	return ca.IssueUntil(time.Now().Add(24*time.Hour), names...)
}

// IssueUntil is Issue with the certificate valid until notAfter (in the past: expired).
func (ca *CA) IssueUntil(notAfter time.Time, names ...string) (*Cert, error) {
	return ca.IssueBetween(notAfter.Add(-25*time.Hour), notAfter, names...)
}

// IssueBetween is Issue with the certificate valid from notBefore until notAfter.
func (ca *CA) IssueBetween(notBefore, notAfter time.Time, names ...string) (*Cert, error) {
	if len(names) == 0 {
		return nil, fmt.Errorf("issue certificate: no names")
	}
	key, err := ecdsa.GenerateKey(elliptic.P256(), rand.Reader)
	if err != nil {
		return nil, fmt.Errorf("issue certificate for %s: %w", names[0], err)
	}
	serial, err := rand.Int(rand.Reader, new(big.Int).Lsh(big.NewInt(1), 62))
	if err != nil {
		return nil, err
	}
	tmpl := &x509.Certificate{
		SerialNumber: serial,
		Subject:      pkix.Name{CommonName: names[0]},
		NotBefore:    notBefore,
		NotAfter:     notAfter,
		KeyUsage:     x509.KeyUsageDigitalSignature,
		ExtKeyUsage:  []x509.ExtKeyUsage{x509.ExtKeyUsageServerAuth},
	}
	for _, n := range names {
		if ip := net.ParseIP(n); ip != nil {
			tmpl.IPAddresses = append(tmpl.IPAddresses, ip)
		} else {
			tmpl.DNSNames = append(tmpl.DNSNames, n)
		}
	}
	der, err := x509.CreateCertificate(rand.Reader, tmpl, ca.Cert, &key.PublicKey, ca.key)
	if err != nil {
		return nil, fmt.Errorf("issue certificate for %s: %w", names[0], err)
	}
	keyDER, err := x509.MarshalECPrivateKey(key)
	if err != nil {
		return nil, err
	}
	certPEM := pem.EncodeToMemory(&pem.Block{Type: "CERTIFICATE", Bytes: der})
	keyPEM := pem.EncodeToMemory(&pem.Block{Type: "EC PRIVATE KEY", Bytes: keyDER})
	pair, err := tls.X509KeyPair(certPEM, keyPEM)
	if err != nil {
		return nil, err
	}
	return &Cert{PEM: append(certPEM, keyPEM...), TLS: pair}, nil
}

// WriteFile writes the certificate and key as one PEM file, readable by the owner only.
func (c *Cert) WriteFile(path string) error {
	if err := os.WriteFile(path, c.PEM, 0o600); err != nil {
		return fmt.Errorf("write certificate: %w", err)
	}
	return nil
}
