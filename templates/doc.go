// Package templates owns the text/template files that shape every text output. They are
// embedded with go:embed, rendered with missingkey=error and sprig's hermetic functions, and
// any of them can be replaced by name from a user folder (--templates DIR).
package templates
