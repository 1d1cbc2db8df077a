// Package output owns the generated file tree on disk: the manifest of files zonegen owns,
// atomic writes that skip equal bytes, pruning of stale owned files, refusal to clobber
// files that are not ours or were edited by hand, unified diffs and the drift check.
//
// Compare is the heart of it: it classifies every generated path and every owned path in
// scope as create, update, unchanged or prune, and flags foreign and hand-edited files.
// diff prints the Comparison (Diff, Stat), check summarizes it (Check), and generate
// calls Write, which compares again under the folder's lock and then acts.
//
// Only files listed in the manifest (.zonegen-manifest) are ever overwritten or pruned
// (DESIGN.md, Safety); every path is confined to the output folder.
package output
