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
//
// # Crash safety
//
// Each file is replaced by renaming a temp file over it, so it always holds its old bytes
// or its new ones. Across files, Write keeps the output folder consistent at every
// instant, even when the process is killed:
//
//	every file Write has put in the folder (and not pruned since) is listed in the
//	manifest or in the journal (.zonegen-manifest.pending) with the sha256 of the bytes
//	it holds on disk.
//
// A listed file may be missing (a prune done before the manifest was saved). Compare
// calls a listed file ours exactly when its bytes hash to the manifest's entry or the
// journal's, so the run after an interrupted one neither refuses a half-written tree as
// hand-edited nor needs --force. The order that keeps the invariant: settle a leftover
// journal into the manifest; write the journal of this run's new hashes; rename files
// into place and prune; save the manifest; remove the journal.
//
// Everything else zonegen keeps in the folder starts with ".zonegen" (the lock, staging
// folders, ".zonegen-tmp-" temp files); no generated path may, and a run removes the
// temp files and staging folders a killed run left behind.
package output
