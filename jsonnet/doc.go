// Package jsonnet evaluates a zonegen source with go-jsonnet through one VM constructor: the
// embedded zonegen.libsonnet helpers, --jpath folders, external and top-level arguments, a
// stack limit, and an importer that refuses any path outside the source's folder, the jpath
// folders and the library.
package jsonnet
