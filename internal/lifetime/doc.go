// Package lifetime reads what LifeTime has deployed and turns it into zonegen's routing
// table: which app lives in which deployment zone with which modules, per environment.
//
// The client (client.go) reads four lists of the LifeTime Deployment API v2 over HTTPS with
// a service account's bearer token (OutSystems docs-product
// src/ref/apis/auto/lifetime-deployment-api-v2.md, "Structures"; examples in
// src/ref/apis/lifetime-deployment/examples/api-deploy-app.md). Map (mapping.go) matches
// LifeTime's environments to the source's and its display names to zonegen keys, refusing
// what would not be a valid source. Render (render.go) writes the jsonnet file a source
// imports (`zonegen lifetime pull`); Compare (compare.go) reports how the source differs
// from LifeTime (`zonegen lifetime check`).
//
// The token is never part of an error, a log line or an output: errors are built from
// the endpoint, the status and LifeTime's own messages, and scrubbed of the token anyway.
package lifetime
