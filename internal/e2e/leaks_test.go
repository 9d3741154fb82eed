// Copyright (c) The terraform-provider-wix Authors
// SPDX-License-Identifier: MPL-2.0

package e2e

import (
	"bytes"
	"encoding/json"
	"fmt"
	"maps"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/wixtf/terraform-provider-wix/internal/wixfake"
)

// The kinds of artifact a run leaves behind.
const (
	stateFile = "state file"
	savedPlan = "saved plan"
	cliOutput = "CLI output"
	traceLog  = "TRACE log"
)

// artifact is one thing a run left behind: a state file, one entry of a
// saved plan, what one command printed, or one command's TRACE log.
type artifact struct {
	kind, name string
	data       []byte
}

// run is one plan -out, apply of that saved plan, and second plan of a
// configuration, and everything they left behind.
type run struct {
	c         *cli
	results   []result
	artifacts []artifact
}

// output is everything the commands printed.
func (r *run) output() string {
	var b strings.Builder
	for _, res := range r.results {
		b.WriteString(res.text)
	}
	return b.String()
}

// failed is the first command that failed, if any.
func (r *run) failed() *result {
	for i := range r.results {
		if r.results[i].err != nil {
			return &r.results[i]
		}
	}
	return nil
}

// state is the working directory's state file, or nil before any apply.
func (r *run) state(t *testing.T) []byte {
	t.Helper()
	b, err := os.ReadFile(filepath.Join(r.c.dir, "terraform.tfstate"))
	if err != nil && !os.IsNotExist(err) {
		t.Fatal(err)
	}
	return b
}

// planApplyPlan runs init, `plan -out`, apply of that saved plan and a
// second plan, every command at TF_LOG=TRACE, and stops at the first that
// fails. It collects the state files, every entry of the saved plan, what
// each command printed and each command's TRACE log.
func planApplyPlan(t *testing.T, c *cli) *run {
	t.Helper()
	r := &run{c: c}
	logs := t.TempDir()
	steps := [][]string{
		{"init", "-input=false", "-no-color"},
		{"plan", "-input=false", "-no-color", "-out=tfplan"},
		{"apply", "-input=false", "-no-color", "tfplan"},
		{"plan", "-input=false", "-no-color"},
	}
	for i, args := range steps {
		logPath := filepath.Join(logs, fmt.Sprintf("%d-%s.log", i, args[0]))
		res := c.exec(t, []string{"TF_LOG=TRACE", "TF_LOG_PATH=" + logPath}, args...)
		r.results = append(r.results, res)
		name := strings.Join(args, " ")
		r.artifacts = append(r.artifacts, artifact{cliOutput, name, []byte(res.text)})
		logData, err := os.ReadFile(logPath)
		if err != nil || len(logData) == 0 {
			t.Fatalf("%s wrote no TRACE log: %v", name, err)
		}
		r.artifacts = append(r.artifacts, artifact{traceLog, name, logData})
		if res.err != nil {
			break
		}
		if args[0] == "plan" && slices.Contains(args, "-out=tfplan") {
			for entry, data := range readPlanFile(t, filepath.Join(c.dir, "tfplan")) {
				r.artifacts = append(r.artifacts, artifact{savedPlan, "tfplan: " + entry, data})
			}
		}
	}
	_ = filepath.WalkDir(c.dir, func(p string, d os.DirEntry, err error) error {
		if err == nil && d.IsDir() && d.Name() == ".terraform" {
			return filepath.SkipDir
		}
		if err == nil && !d.IsDir() && strings.Contains(d.Name(), ".tfstate") {
			data, rerr := os.ReadFile(p)
			if rerr != nil {
				t.Fatal(rerr)
			}
			rel, _ := filepath.Rel(c.dir, p)
			r.artifacts = append(r.artifacts, artifact{stateFile, rel, data})
		}
		return nil
	})
	return r
}

// leak is a secret or token found where it must not be.
type leak struct {
	what  string // "the App secret of the Demo App", "an ephemeral token", ...
	kind  string // the artifact kind
	where string // the artifact's name
}

func (l leak) String() string { return fmt.Sprintf("%s in the %s %q", l.what, l.kind, l.where) }

// findLeaks looks for every secret in every artifact, and for every token in
// every artifact except where storing it is the documented trade-off: the
// data source's tokens (stored) may be in state files and saved plans. It
// never prints a secret or a token, only what it was.
func findLeaks(arts []artifact, secrets map[string]string, tokens []string, stored map[string]bool) []leak {
	var leaks []leak
	for _, a := range arts {
		for value, what := range secrets {
			if bytes.Contains(a.data, []byte(value)) {
				leaks = append(leaks, leak{what, a.kind, a.name})
			}
		}
		for _, tok := range tokens {
			if !bytes.Contains(a.data, []byte(tok)) {
				continue
			}
			switch {
			case !stored[tok]:
				leaks = append(leaks, leak{"an ephemeral token", a.kind, a.name})
			case a.kind != stateFile && a.kind != savedPlan:
				leaks = append(leaks, leak{"a data source's token", a.kind, a.name})
			}
		}
	}
	return leaks
}

// fixtureSecrets are the client secrets and refresh tokens of the fake's
// default apps: none may reach any artifact.
var fixtureSecrets = map[string]string{
	wixfake.DemoClientSecret:     "the client secret of the Demo App",
	wixfake.SecondClientSecret:   "the client secret of the Second App",
	wixfake.HeadlessClientSecret: "the client secret of the Headless Project",
	wixfake.DemoRefreshToken:     "a refresh token of the Demo App",
	wixfake.DemoRefreshToken2:    "a refresh token of the Demo App",
	wixfake.SecondRefreshToken:   "a refresh token of the Second App",
	wixfake.RemovedRefreshToken:  "a refresh token of the Demo App",
}

// dataSourceTokens are the tokens that wix_access_token data sources hold in
// a state file, in the root module or any other.
func dataSourceTokens(t *testing.T, state []byte) map[string]bool {
	t.Helper()
	toks := map[string]bool{}
	if len(state) == 0 {
		return toks
	}
	var st struct {
		Resources []struct {
			Mode, Type string
			Instances  []struct {
				Attributes map[string]any `json:"attributes"`
			}
		}
	}
	if err := json.Unmarshal(state, &st); err != nil {
		t.Fatal(err)
	}
	for _, r := range st.Resources {
		if r.Mode != "data" || r.Type != "wix_access_token" {
			continue
		}
		for _, in := range r.Instances {
			if tok, ok := in.Attributes["access_token"].(string); ok && tok != "" {
				toks[tok] = true
			}
		}
	}
	return toks
}

// checkNoLeaks is the proof every example gets: no App secret anywhere, no
// ephemeral token in a state file or a saved plan, and no token at all in
// the CLI's output or the TRACE logs.
func checkNoLeaks(t *testing.T, r *run, fake *wixfake.Server) {
	t.Helper()
	stored := dataSourceTokens(t, r.state(t))
	for tok := range stored {
		if _, ok := fake.LookupToken(tok); !ok {
			t.Error("a data source holds a token the fake did not issue")
		}
	}
	for _, l := range findLeaks(r.artifacts, fixtureSecrets, fake.IssuedTokens(), stored) {
		t.Error(l)
	}
	kinds := map[string]bool{}
	for _, a := range r.artifacts {
		kinds[a.kind] = true
	}
	if !kinds[cliOutput] || !kinds[traceLog] {
		t.Fatalf("the run left no CLI output or TRACE log to check: %v", kinds)
	}
}

// The check fires: a configuration that stores the App secret in a plain
// variable and in a resource, and an issued token that is not a data
// source's, and prints both, gets every leak reported, in the state file,
// the saved plan, the CLI's output and the TRACE log; the same token taken
// for a data source's is allowed in state and the saved plan only.
func TestAccLeakCheckFires(t *testing.T) {
	base := setup(t)
	fake := wixfake.NewTestServer(t, wixfake.Options{})
	planted := fake.MintForTest(t, wixfake.DemoClientID, wixfake.DemoInstanceID)
	c := base.with(copyConfig(t, filepath.Join("testdata", "leaky")),
		"TF_VAR_leaked_secret="+wixfake.DemoClientSecret,
		"TF_VAR_leaked_token="+planted,
	)
	r := planApplyPlan(t, c)
	if f := r.failed(); f != nil {
		t.Fatalf("%s: %v\n%s", strings.Join(f.args, " "), f.err, scrub(f.text))
	}
	reported := func(stored map[string]bool) map[string]bool {
		found := map[string]bool{}
		for _, l := range findLeaks(r.artifacts, fixtureSecrets, fake.IssuedTokens(), stored) {
			found[l.what+" / "+l.kind] = true
		}
		return found
	}
	found := reported(map[string]bool{})
	t.Logf("reported: %v", slices.Sorted(maps.Keys(found)))
	for _, want := range []string{
		"the client secret of the Demo App / " + stateFile,
		"the client secret of the Demo App / " + savedPlan,
		"the client secret of the Demo App / " + cliOutput,
		"the client secret of the Demo App / " + traceLog,
		"an ephemeral token / " + stateFile,
		"an ephemeral token / " + savedPlan,
		"an ephemeral token / " + traceLog,
		"an ephemeral token / " + cliOutput,
	} {
		if !found[want] {
			t.Errorf("the planted leak %q was not reported; reported: %v", want, slices.Sorted(maps.Keys(found)))
		}
	}
	// Were the planted token a data source's, the state and the saved plan
	// could hold it, but not the CLI's output or a log.
	asStored := reported(map[string]bool{planted: true})
	for want, reportedToo := range map[string]bool{
		"a data source's token / " + cliOutput: true,
		"a data source's token / " + traceLog:  true,
		"a data source's token / " + stateFile: false,
		"a data source's token / " + savedPlan: false,
		"an ephemeral token / " + stateFile:    false,
	} {
		if asStored[want] != reportedToo {
			t.Errorf("with the token a data source's, %q reported: %v, want %v", want, asStored[want], reportedToo)
		}
	}
}
