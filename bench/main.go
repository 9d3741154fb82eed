// Copyright (c) The terraform-provider-wix Authors
// SPDX-License-Identifier: MPL-2.0

// Command bench is the scale benchmark of `make bench`: plan wall time, token
// requests and the provider's peak memory for N wix_access_token instances
// (for_each), through a real CLI, against the standalone fake Wix server with
// added latency.
//
// For each latency and each N it plans bench/scale (from an empty state) with
//
//	data        N data sources, each for its own app instance
//	ephemeral   N ephemeral resources, each for its own app instance
//
// and, as references in the same run,
//
//	floor       the same configuration with every key on ONE instance, so that
//	            token reuse serves all N keys with one request
//	tf_data     bench/baseline: N terraform_data resources, Terraform alone
//
// and prints two Markdown tables: times with the targets, and resources. The
// figures are printed, never asserted.
//
// Run it from the repository root with `make bench`, or `go run ./bench`
// with BENCH_CLI set. Environment:
//
//	BENCH_N="1 100 1000"         instance counts
//	BENCH_LATENCIES="0ms 50ms"   latency the fake adds to each token request
//	BENCH_RUNS=3                 plans per wix figure (floor and distinct
//	                             alternate); the run with the median wall time is kept
//	BENCH_REF_RUNS=1             plans per tf_data figure (1000 of them take a
//	                             minute or more: Terraform's own cost is superlinear)
//	BENCH_PARALLELISM=10         terraform plan -parallelism (10 is the CLI default)
//	BENCH_OUT=FILE               also write the tables to FILE
//	BENCH_CLI=PATH               the CLI (make bench: its CLI, the terraform on
//	                             PATH if >= 1.10, else OpenTofu)
//	WIXFAKE=PKG                  the fake's main package (default ./cmd/wixfake)
//	WIX_TOKEN_REUSE, TF_LOG_SDK* passed on to the provider as they are
//
// Peak RSS and CPU time of the provider come from bench/rsswrap, which the
// mirror runs in front of the real provider binary. A CLI starts the provider
// several times per plan (schemas, validate, plan): the tables show the
// largest peak, the CPU time summed over all of them, and how many there were.
// Provider figures assume Linux (ru_maxrss in KiB).
package main

import (
	"bufio"
	"bytes"
	"encoding/json"
	"fmt"
	"net/http"
	"os"
	"os/exec"
	"os/signal"
	"path/filepath"
	"regexp"
	"runtime"
	"sort"
	"strconv"
	"strings"
	"sync"
	"syscall"
	"time"
)

// result holds the figures of one plan.
type result struct {
	wall  float64 // plan wall time, s (ms precision)
	req   int     // token requests the fake answered during the plan
	rss   float64 // largest provider peak RSS, MiB
	pcpu  float64 // provider CPU, s, summed over its processes
	procs int     // provider processes started
	ccpu  float64 // CPU of the CLI and its children, s
}

type bench struct {
	cli, work string
	env       []string
	fake      *exec.Cmd
	apiURL    string
	parallel  int
	runs      int
}

// cleanup stops the fake and removes the work directory, once, however the
// program ends (die and the signal handler call it too).
var cleanup = func() {}

func main() {
	ns := wholeNumbers("BENCH_N", "1 100 1000")
	lats := strings.Fields(envOr("BENCH_LATENCIES", "0ms 50ms"))
	for _, l := range lats {
		if !regexp.MustCompile(`^[0-9]+(ms|s)$`).MatchString(l) {
			die("BENCH_LATENCIES: '%s' is not like 0ms, 50ms or 1s", l)
		}
	}
	runs, refRuns := wholeNumber("BENCH_RUNS", "3"), wholeNumber("BENCH_REF_RUNS", "1")
	b := &bench{cli: os.Getenv("BENCH_CLI"), parallel: wholeNumber("BENCH_PARALLELISM", "10"), runs: runs}
	if b.cli == "" {
		die("BENCH_CLI is not set: run `make bench`, or set it to a Terraform 1.10+ or OpenTofu binary")
	}
	work, err := os.MkdirTemp("", "wix-bench-")
	check(err)
	b.work = work
	cleanup = sync.OnceFunc(func() { b.stopFake(); _ = os.RemoveAll(work) })
	defer cleanup()
	interrupts := make(chan os.Signal, 1)
	signal.Notify(interrupts, os.Interrupt, syscall.SIGTERM)
	go func() {
		code := 130
		if <-interrupts == syscall.SIGTERM {
			code = 143
		}
		cleanup()
		os.Exit(code)
	}()
	b.setup()

	cliVersion := firstLine(b.output("", "version"))
	say("using %s, %d CPUs; N: %s; latencies: %s; runs: %d (tf_data: %d); parallelism: %d",
		cliVersion, runtime.NumCPU(), strings.Join(strs(ns), " "), strings.Join(lats, " "), runs, refRuns, b.parallel)
	loadBefore, start := loadAverage(), time.Now()

	// Warm-up (page cache, first-run costs), not measured.
	_ = b.command(filepath.Join(work, "baseline"), "plan", "-input=false", "-no-color", "-lock=false", "-var", "n=1").Run()

	tfData := map[int]result{}
	for _, n := range ns {
		say("terraform_data x %d", n)
		tfData[n] = b.measure(refRuns, "baseline", "-var", fmt.Sprintf("n=%d", n))
	}

	var times, resources []string
	for _, lat := range lats {
		b.startFake(ns, lat)
		latMS, _ := strconv.Atoi(strings.TrimSuffix(lat, "ms"))
		if !strings.HasSuffix(lat, "ms") {
			latMS, _ = strconv.Atoi(strings.TrimSuffix(lat, "s"))
			latMS *= 1000
		}
		b.plan("scale", "-var", "n=1", "-var", "kind=data") // warm-up
		for _, n := range ns {
			for _, kind := range []string{"data", "ephemeral"} {
				say("latency %s: %s x %d (floor and distinct instances, %d runs each)", lat, kind, n, runs)
				f, d := b.measurePair(n, kind)
				target, bound := "1.3 x floor", 1.3*f.wall
				if latMS > 0 {
					target = fmt.Sprintf("floor + 1.2 x (%d/%d) x %s", n, b.parallel, lat)
					bound = f.wall + 1.2*float64(n)/float64(b.parallel)*float64(latMS)/1000
				}
				bound, _ = strconv.ParseFloat(fmt.Sprintf("%.2f", bound), 64)
				within := "no"
				if d.wall <= bound {
					within = "yes"
				}
				times = append(times, fmt.Sprintf("| %s | %d | %s | %.3f | %d | %.3f | %d | %s | %.3f | %s | %s | %.2f | %s |",
					lat, n, kind, d.wall, d.req, f.wall, f.req, ratio(d.wall, f.wall), tfData[n].wall, ratio(d.wall, tfData[n].wall), target, bound, within))
				resources = append(resources, fmt.Sprintf("| %s | %d | %s | %.1f / %.1f | %.2f / %.2f | %.2f / %.2f | %d / %d |",
					lat, n, kind, d.rss, f.rss, d.pcpu, f.pcpu, d.ccpu, f.ccpu, d.procs, f.procs))
			}
		}
	}
	b.stopFake()

	var out bytes.Buffer
	reuse := os.Getenv("WIX_TOKEN_REUSE")
	if reuse == "" {
		reuse = "unset (on)"
	}
	fmt.Fprintf(&out, "CLI: %s; CPUs: %d; plan -parallelism=%d; median of %d runs (tf_data: %d); WIX_TOKEN_REUSE: %s; load average before: %s, after: %s; took %d s\n\n",
		cliVersion, runtime.NumCPU(), b.parallel, runs, refRuns, reuse, loadBefore, loadAverage(), int(time.Since(start).Seconds()))
	out.WriteString("Plan wall time in seconds. \"distinct\": every key its own instance; \"floor\": every key the same instance.\n\n")
	out.WriteString("| latency | N | kind | distinct s | requests | floor s | floor requests | distinct / floor | tf_data s | distinct / tf_data | target | target s | within |\n")
	out.WriteString("|---|---|---|---|---|---|---|---|---|---|---|---|---|\n")
	out.WriteString(strings.Join(times, "\n") + "\n\n")
	out.WriteString("Resources (distinct / floor). CPU in seconds; \"CLI + provider\" is everything the CLI and its children used.\n\n")
	out.WriteString("| latency | N | kind | provider peak RSS MiB | provider CPU s | CLI + provider CPU s | provider processes per plan |\n")
	out.WriteString("|---|---|---|---|---|---|---|\n")
	out.WriteString(strings.Join(resources, "\n") + "\n\n")
	out.WriteString("tf_data (N terraform_data, no provider) CLI CPU s:")
	for _, n := range ns {
		fmt.Fprintf(&out, " N=%d: %.2f;", n, tfData[n].ccpu)
	}
	out.WriteString("\n")
	_, _ = os.Stdout.Write(out.Bytes())
	if path := os.Getenv("BENCH_OUT"); path != "" {
		check(os.WriteFile(path, out.Bytes(), 0o644))
	}
}

// setup builds the provider, the fake and rsswrap, writes a filesystem mirror
// whose provider is a wrapper that execs rsswrap in front of the real binary,
// copies bench/scale and bench/baseline into the work directory and runs
// init in both.
func (b *bench) setup() {
	say("building the provider, the fake Wix server and rsswrap")
	bin := filepath.Join(b.work, "bin")
	gobuild("-trimpath", "-ldflags", "-X main.version=0.1.0", "-o", filepath.Join(bin, "terraform-provider-wix"), ".")
	gobuild("-o", filepath.Join(bin, "wixfake"), envOr("WIXFAKE", "./cmd/wixfake"))
	gobuild("-o", filepath.Join(bin, "rsswrap"), "bench/rsswrap/main.go")
	wrapper := fmt.Sprintf("#!/bin/sh\nexec %q %q \"$@\"\n", filepath.Join(bin, "rsswrap"), filepath.Join(bin, "terraform-provider-wix"))
	for _, host := range []string{"registry.terraform.io", "registry.opentofu.org"} {
		dir := filepath.Join(b.work, "mirror", host, "wixtf/wix/0.1.0", runtime.GOOS+"_"+runtime.GOARCH)
		check(os.MkdirAll(dir, 0o755))
		check(os.WriteFile(filepath.Join(dir, "terraform-provider-wix_v0.1.0"), []byte(wrapper), 0o755))
	}
	rc := filepath.Join(b.work, "cli.tfrc")
	check(os.WriteFile(rc, fmt.Appendf(nil, "provider_installation {\n  filesystem_mirror {\n    path = %q\n  }\n}\n", filepath.Join(b.work, "mirror")), 0o644))

	drop := map[string]bool{"TF_LOG": true, "TF_LOG_CORE": true, "TF_LOG_PATH": true, "TF_PLUGIN_CACHE_DIR": true, "TF_CLI_ARGS": true,
		"TF_CLI_ARGS_plan": true, "TF_WORKSPACE": true, "TF_CLI_CONFIG_FILE": true, "WIX_INSTANCE_ID": true} // every wix_access_token sets its own instance
	for _, kv := range os.Environ() {
		if k, _, _ := strings.Cut(kv, "="); !drop[k] {
			b.env = append(b.env, kv)
		}
	}
	b.env = append(b.env, "TF_CLI_CONFIG_FILE="+rc, "TF_IN_AUTOMATION=1", "CHECKPOINT_DISABLE=1")

	for _, d := range []string{"scale", "baseline"} {
		check(os.CopyFS(filepath.Join(b.work, d), os.DirFS(filepath.Join("bench", d))))
		if out, err := b.command(filepath.Join(b.work, d), "init", "-input=false", "-no-color").CombinedOutput(); err != nil {
			_, _ = os.Stderr.Write(out)
			die("init of bench/%s failed: %v", d, err)
		}
	}
}

// startFake (re)starts the standalone fake with enough instances for the
// largest N and the latency lat, and takes its WIX_* settings, except
// WIX_INSTANCE_ID, into the CLI's environment.
func (b *bench) startFake(ns []int, lat string) {
	b.stopFake()
	envFile := filepath.Join(b.work, "fake.env")
	_ = os.Remove(envFile)
	maxN := 0
	for _, n := range ns {
		maxN = max(maxN, n)
	}
	logf, err := os.Create(filepath.Join(b.work, "fake.log"))
	check(err)
	defer logf.Close()
	b.fake = exec.Command(filepath.Join(b.work, "bin", "wixfake"), "-instances", strconv.Itoa(maxN), "-latency", lat, "-env-file", envFile)
	b.fake.Stdout, b.fake.Stderr = logf, logf
	check(b.fake.Start())
	var settings []byte
	for range 100 {
		if settings, err = os.ReadFile(envFile); err == nil {
			break
		}
		time.Sleep(100 * time.Millisecond)
	}
	if err != nil {
		log, _ := os.ReadFile(filepath.Join(b.work, "fake.log"))
		_, _ = os.Stderr.Write(log)
		die("the fake Wix server did not start")
	}
	for line := range strings.Lines(string(settings)) {
		k, v, ok := strings.Cut(strings.TrimSpace(line), "=")
		if ok && k != "WIX_INSTANCE_ID" {
			b.env = append(b.env, k+"="+v) // later entries win
			if k == "WIX_API_URL" {
				b.apiURL = v
			}
		}
	}
}

func (b *bench) stopFake() {
	if b.fake != nil {
		_ = b.fake.Process.Kill()
		_ = b.fake.Wait()
		b.fake, b.apiURL = nil, ""
	}
}

// tokenRequests reads the fake's token request counter (0 with no fake).
func (b *bench) tokenRequests() int {
	if b.apiURL == "" {
		return 0
	}
	resp, err := http.Get(b.apiURL + "/_fake/stats")
	check(err)
	defer resp.Body.Close()
	var stats struct {
		TokenRequests int `json:"token_requests"`
	}
	check(json.NewDecoder(resp.Body).Decode(&stats))
	return stats.TokenRequests
}

// plan runs one plan in the work directory's copy of bench/<dir>.
func (b *bench) plan(dir string, args ...string) result {
	rssFile := filepath.Join(b.work, "rss")
	check(os.WriteFile(rssFile, nil, 0o644))
	before := b.tokenRequests()
	logPath := filepath.Join(b.work, "plan.log")
	logf, err := os.Create(logPath)
	check(err)
	cmd := b.command(filepath.Join(b.work, dir), append([]string{"plan", "-input=false", "-no-color", "-lock=false", fmt.Sprintf("-parallelism=%d", b.parallel)}, args...)...)
	cmd.Env = append(cmd.Env, "BENCH_RSS_FILE="+rssFile)
	cmd.Stdout, cmd.Stderr = logf, logf
	start := time.Now()
	err = cmd.Run()
	wall := time.Since(start)
	_ = logf.Close()
	if err != nil {
		log, _ := os.ReadFile(logPath)
		lines := strings.Split(strings.TrimRight(string(log), "\n"), "\n")
		fmt.Fprintln(os.Stderr, strings.Join(lines[max(0, len(lines)-30):], "\n"))
		die("plan failed in bench/%s with %s", dir, strings.Join(args, " "))
	}
	r := result{
		wall: float64(wall.Milliseconds()) / 1000,
		req:  b.tokenRequests() - before,
		ccpu: (cmd.ProcessState.UserTime() + cmd.ProcessState.SystemTime()).Seconds(),
	}
	f, err := os.Open(rssFile)
	check(err)
	defer f.Close()
	var maxKiB, cpuMS float64
	for sc := bufio.NewScanner(f); sc.Scan(); {
		var pid int
		var kib, ms float64
		if _, err := fmt.Sscan(sc.Text(), &pid, &kib, &ms); err == nil {
			maxKiB, cpuMS, r.procs = max(maxKiB, kib), cpuMS+ms, r.procs+1
		}
	}
	r.rss, r.pcpu = maxKiB/1024, cpuMS/1000
	return r
}

// measure runs plans and keeps the one with the median wall time.
func (b *bench) measure(runs int, dir string, args ...string) result {
	var rs []result
	for range runs {
		rs = append(rs, b.plan(dir, args...))
	}
	return median(rs)
}

// measurePair plans the floor and distinct instances BENCH_RUNS times each,
// alternating so that a change in machine load hits both alike, and returns
// the medians of the floor and of distinct instances.
func (b *bench) measurePair(n int, kind string) (floor, distinct result) {
	var fs, ds []result
	for range b.runs {
		for _, same := range []bool{true, false} {
			r := b.plan("scale", "-var", fmt.Sprintf("n=%d", n), "-var", "kind="+kind, "-var", fmt.Sprintf("same_instance=%t", same))
			if same {
				fs = append(fs, r)
			} else {
				ds = append(ds, r)
			}
		}
	}
	return median(fs), median(ds)
}

func (b *bench) command(dir string, args ...string) *exec.Cmd {
	cmd := exec.Command(b.cli, args...)
	cmd.Dir, cmd.Env = dir, append([]string(nil), b.env...)
	return cmd
}

func (b *bench) output(dir string, args ...string) string {
	out, err := b.command(dir, args...).Output()
	check(err)
	return string(out)
}

func median(rs []result) result {
	sort.SliceStable(rs, func(i, j int) bool { return rs[i].wall < rs[j].wall })
	return rs[(len(rs)-1)/2]
}

func ratio(a, b float64) string {
	if b > 0 {
		return fmt.Sprintf("%.2f", a/b)
	}
	return "-"
}

func gobuild(args ...string) {
	cmd := exec.Command("go", append([]string{"build"}, args...)...)
	cmd.Stdout, cmd.Stderr = os.Stderr, os.Stderr
	check(cmd.Run())
}

// wholeNumbers reads a space-separated list of whole numbers >= 1.
func wholeNumbers(name, def string) []int {
	var ns []int
	for _, f := range strings.Fields(envOr(name, def)) {
		n, err := strconv.Atoi(f)
		if err != nil || n < 1 || f[0] == '0' || f[0] == '+' {
			die("%s: '%s' is not a whole number >= 1", name, f)
		}
		ns = append(ns, n)
	}
	if len(ns) == 0 {
		die("%s is empty", name)
	}
	return ns
}

func wholeNumber(name, def string) int {
	ns := wholeNumbers(name, def)
	if len(ns) != 1 {
		die("%s must be one whole number >= 1", name)
	}
	return ns[0]
}

func envOr(name, def string) string {
	if v := os.Getenv(name); v != "" {
		return v
	}
	return def
}

func strs(ns []int) []string {
	s := make([]string, len(ns))
	for i, n := range ns {
		s[i] = strconv.Itoa(n)
	}
	return s
}

func loadAverage() string {
	b, err := os.ReadFile("/proc/loadavg")
	if f := strings.Fields(string(b)); err == nil && len(f) >= 3 {
		return strings.Join(f[:3], " ")
	}
	return "?"
}

func firstLine(s string) string {
	line, _, _ := strings.Cut(s, "\n")
	return line
}

func say(format string, args ...any) { fmt.Fprintf(os.Stderr, "== "+format+"\n", args...) }

func die(format string, args ...any) {
	fmt.Fprintf(os.Stderr, "bench: "+format+"\n", args...)
	cleanup()
	os.Exit(1)
}

func check(err error) {
	if err != nil {
		die("%v", err)
	}
}
