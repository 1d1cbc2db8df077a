// Package output owns the generated file tree on disk: the manifest of files zonegen owns,
// atomic writes that skip equal bytes, pruning of stale owned files, refusal to clobber
// files that are not ours or were edited by hand, unified diffs and the drift check.
package output
