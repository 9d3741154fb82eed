// Copyright (c) The terraform-provider-wix Authors
// SPDX-License-Identifier: MPL-2.0

//go:build ignore

// Command rsswrap runs a program and, once it exits, appends one line
// "<pid> <peak RSS in KiB> <CPU time in ms>" to the file named by
// $BENCH_RSS_FILE, from the kernel's accounting of the finished child (so the
// peak is exact, not sampled; CPU time is user plus system). The scale
// benchmark (bench/main.go) puts it in front of the provider binary in the
// filesystem mirror: stdin, stdout and stderr are the child's own, so the
// go-plugin handshake on stdout passes through untouched.
//
// Usage: rsswrap PROGRAM [ARG...]
//
// It is a separate main package excluded from the module's build (go:build
// ignore); bench/main.go builds it with `go build bench/rsswrap/main.go`.
package main

import (
	"errors"
	"fmt"
	"os"
	"os/exec"
	"os/signal"
	"syscall"
)

func main() {
	if len(os.Args) < 2 {
		fmt.Fprintln(os.Stderr, "usage: rsswrap PROGRAM [ARG...]")
		os.Exit(2)
	}
	// Terraform interrupts the whole process group; the child sees that
	// itself, and go-plugin servers ignore it. Forward a TERM or HUP.
	signal.Ignore(os.Interrupt)
	sigs := make(chan os.Signal, 1)
	signal.Notify(sigs, syscall.SIGTERM, syscall.SIGHUP)

	cmd := exec.Command(os.Args[1], os.Args[2:]...)
	cmd.Stdin, cmd.Stdout, cmd.Stderr = os.Stdin, os.Stdout, os.Stderr
	if err := cmd.Start(); err != nil {
		fmt.Fprintln(os.Stderr, "rsswrap:", err)
		os.Exit(127)
	}
	go func() {
		for s := range sigs {
			_ = cmd.Process.Signal(s)
		}
	}()
	err := cmd.Wait()
	code := 0
	var exitErr *exec.ExitError
	switch {
	case err == nil:
	case errors.As(err, &exitErr):
		code = exitErr.ExitCode()
		if code < 0 {
			code = 128 + 9 // killed by a signal
		}
	default:
		fmt.Fprintln(os.Stderr, "rsswrap:", err)
		code = 1
	}
	if ru, ok := cmd.ProcessState.SysUsage().(*syscall.Rusage); ok && os.Getenv("BENCH_RSS_FILE") != "" {
		// ru.Maxrss is in KiB on Linux. One short O_APPEND write per
		// process, so concurrent providers never interleave lines.
		cpu := (cmd.ProcessState.UserTime() + cmd.ProcessState.SystemTime()).Milliseconds()
		if f, ferr := os.OpenFile(os.Getenv("BENCH_RSS_FILE"), os.O_WRONLY|os.O_APPEND|os.O_CREATE, 0o600); ferr == nil {
			_, _ = fmt.Fprintf(f, "%d %d %d\n", cmd.Process.Pid, ru.Maxrss, cpu)
			_ = f.Close()
		}
	}
	os.Exit(code)
}
