// Package certcheck checks a plan's certificate inventory live (`zonegen certificates`):
// it dials every endpoint of topology.Plan.Certificates once per name the certificate must
// cover, with that name as SNI, and says whether what answers covers the name, chains to a
// trusted CA and how long until it expires. It reads the plan and the network only.
package certcheck
