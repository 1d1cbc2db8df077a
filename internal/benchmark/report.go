package main

import (
	"fmt"
	"io"
	"text/tabwriter"
	"time"
)

// printTable writes one row per tier; times are medians in milliseconds.
func printTable(w io.Writer, cfg config, results []*tierResult) {
	fmt.Fprintf(w, "median of %d repetitions; times in ms\n", cfg.reps)
	tw := tabwriter.NewWriter(w, 0, 0, 2, ' ', tabwriter.AlignRight)
	fmt.Fprintln(tw, "tier\tmodules\tfloor\tdisk\teval\tdecode\tresolve\trender\twrite\ttotal\ttotal/floor\ttotal/(floor+disk)\tno-op\tcheck\tno-op/check\tregen\tRSS MiB\tfiles\tMB\t")
	for _, r := range results {
		floor, total, noop, check := median(r.floor), r.total(), median(r.noop), median(r.check)
		fmt.Fprintf(tw, "%s\t%d\t%.0f\t%.0f\t%.0f\t%.0f\t%.0f\t%.0f\t%.0f\t%.0f\t%.2f\t%.2f\t%.0f\t%.0f\t%.2f\t%.0f\t%s\t%d\t%.1f\t\n",
			r.tier.Name, r.modules, ms(floor), ms(median(r.disk)), ms(median(r.eval)), ms(median(r.decode)), ms(median(r.resolve)),
			ms(median(r.render)), ms(median(r.write)), ms(total), ratio(total, floor), ratio(total, floor+median(r.disk)),
			ms(noop), ms(check), ratio(noop, check), ms(median(r.regen)), mib(median(r.rssKiB)), r.files, float64(r.bytes)/1e6)
	}
	tw.Flush()
	fmt.Fprint(w, `
floor  jsonnet alone: jsonnet.EvaluateFile with Workers 1 (one VM, like the jsonnet CLI), in this process
disk   the filesystem alone: os.WriteFile of the same tree into a fresh folder on the same disk, unsynced
eval   the evaluation zonegen does (environments on GOMAXPROCS VMs); byte-identical to the floor
decode topology.Decode; resolve: topology.Resolve (validate + derive); render: templates.New + generators.Run
write  output.Write into a fresh folder; total: eval + decode + resolve + render + write (what generate runs)
no-op  output.Write into the folder just written (nothing changed); check: output.Compare + Check on it
regen  `+"`bin/zonegen generate`"+` on that folder, the whole process in a child; RSS MiB: its peak (ru_maxrss)
`)
}

// printProcesses writes issue 18's table: whole processes as a user runs them, against
// bare evaluation (floor) and the durable floor (floor + durable), and the peer.
func printProcesses(w io.Writer, results []*tierResult) {
	tw := tabwriter.NewWriter(w, 0, 0, 2, ' ', tabwriter.AlignRight)
	fmt.Fprintln(tw, "tier\tfloor\tdurable\tgenerate\tgenerate/floor\tgenerate/(floor+durable)\tno-op\tno-op/floor\tno-op/(floor+durable)\tpeer\tpeer/generate\tfiles\tpeer files\t")
	for _, r := range results {
		floor, durable, fresh, skip, peer := median(r.floor), median(r.durable), median(r.fresh), median(r.skip), median(r.peer)
		peerMs, peerRatio := "n/a", "n/a"
		if len(r.peer) > 0 {
			peerMs, peerRatio = fmt.Sprintf("%.0f", ms(peer)), fmt.Sprintf("%.2f", ratio(peer, fresh))
		}
		fmt.Fprintf(tw, "%s\t%.0f\t%.0f\t%.0f\t%.2f\t%.2f\t%.0f\t%.2f\t%.2f\t%s\t%s\t%d\t%d\t\n",
			r.tier.Name, ms(floor), ms(durable), ms(fresh), ratio(fresh, floor), ratio(fresh, floor+durable),
			ms(skip), ratio(skip, floor), ratio(skip, floor+durable), peerMs, peerRatio, r.files, r.peerFiles)
	}
	tw.Flush()
	fmt.Fprint(w, `
durable   the tree written as disk is, plus one syncfs(2): creating it durably, what any tool pays (cp -r and sync)
generate  `+"`bin/zonegen generate --no-cache`"+` into a fresh folder: the whole process, as a user runs it
no-op     `+"`bin/zonegen generate`"+` on a folder it is up to date with: its no-op record (.zonegen-cache) answers without evaluating
peer      `+"`jsonnet -S -c -m`"+` of jsonnet/bench/peer.jsonnet into a fresh folder: a subset of the files, rendered in jsonnet, unsynced
`)
}

// printTargets writes one line per target of issues 5 and 18 and returns how many were missed.
func printTargets(w io.Writer, results []*tierResult, px []*proxyResult) int {
	byName := map[string]*tierResult{}
	for _, r := range results {
		byName[r.tier.Name] = r
	}
	missed := 0
	line := func(ok bool, format string, args ...any) {
		mark := "✓"
		if !ok {
			mark = "✗"
			missed++
		}
		fmt.Fprintf(w, format+" %s\n", append(args, mark)...)
	}
	fmt.Fprintln(w, "targets:")
	if m := byName["M"]; m != nil {
		tf := ratio(m.total(), median(m.floor))
		line(tf <= maxTotalPerFloor, "  M total/floor      %5.2f ≤ %.2f", tf, maxTotalPerFloor)
		// Not targets: the same against both floors (the disk's price for creating the files
		// is paid by any tool that writes them), and zonegen without its write stage.
		fmt.Fprintf(w, "    (M total/(floor+disk) %.2f; M total without write: %.2f× the floor)\n",
			ratio(m.total(), median(m.floor)+median(m.disk)), ratio(m.total()-median(m.write), median(m.floor)))
		if l := byName["L"]; l != nil {
			lm := ratio(l.total(), m.total())
			line(lm <= maxLPerM, "  L/M total          %5.2f ≤ %.2f  (L has %.1f× M's modules)", lm, maxLPerM,
				float64(l.modules)/float64(m.modules))
		}
		rss := float64(median(m.rssKiB)) / 1024
		line(rss > 0 && rss <= maxRSSMiB, "  M peak RSS         %5.0f ≤ %d MiB", rss, maxRSSMiB)
	} else {
		fmt.Fprintln(w, "  (tier M not run: no generate targets)")
	}
	// The no-op targets hold at every size.
	for _, r := range results {
		n := r.tier.Name
		line(r.noopTouched == 0 && r.noopBytes == 0, "  %s no-op wrote      %5d bytes to %d files  (write(2) in all: %d bytes, the lock file's pid)",
			n, r.noopBytes, r.noopTouched, r.noopSyscall)
		nc := ratio(median(r.noop), median(r.check))
		line(nc <= maxNoopPerCheck, "  %s no-op/check      %5.2f ≤ %.2f", n, nc, maxNoopPerCheck)
		if n == "M" {
			sf := ratio(median(r.skip), median(r.floor))
			line(sf <= maxSkipPerFloor, "  M no-op/floor      %5.2f ≤ %.2f  (a no-op generate, the whole process, vs bare evaluation)", sf, maxSkipPerFloor)
			ff := ratio(median(r.fresh), median(r.floor)+median(r.durable))
			line(ff <= maxFreshPerFloor, "  M generate/(floor+durable) %5.2f ≤ %.2f  (into a fresh folder, the whole process)", ff, maxFreshPerFloor)
		}
		if len(r.peer) == 0 {
			fmt.Fprintf(w, "  %s peer/generate    not run (-jsonnet \"\")\n", n)
			continue
		}
		pf := ratio(median(r.peer), median(r.fresh))
		line(pf >= minPeerPerFresh, "  %s peer/generate    %5.2f ≥ %.2f  (jsonnet -m, %d files; zonegen %d)", n, pf, float64(minPeerPerFresh), r.peerFiles, r.files)
	}
	if len(px) == 2 {
		small, big := px[0], px[1]
		for _, c := range []struct {
			name       string
			skipped    bool
			small, big []time.Duration
		}{
			{"nginx -t", small.skippedNginx || big.skippedNginx, small.nginx, big.nginx},
			{"haproxy -c", small.skippedHAProxy || big.skippedHAProxy, small.haproxy, big.haproxy},
		} {
			if c.skipped {
				fmt.Fprintf(w, "  %-10s %d/%d paths  skipped: not installed\n", c.name, big.paths, small.paths)
				continue
			}
			r := ratio(median(c.big), median(c.small))
			line(r <= maxProxyScale, "  %-10s %d/%d paths %5.2f ≤ %.2f  (%.1f vs %.1f ms)", c.name, big.paths, small.paths,
				r, maxProxyScale, ms(median(c.big)), ms(median(c.small)))
		}
	}
	return missed
}

func ratio(a, b time.Duration) float64 {
	if b <= 0 {
		return 0
	}
	return float64(a) / float64(b)
}

func mib(kib int64) string {
	if kib < 0 {
		return "n/a"
	}
	return fmt.Sprintf("%.0f", float64(kib)/1024)
}
