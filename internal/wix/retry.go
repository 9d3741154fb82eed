// Copyright (c) The terraform-provider-wix Authors
// SPDX-License-Identifier: MPL-2.0

package wix

import (
	"context"
	"math/rand/v2"
	"net/http"
	"time"

	"github.com/hashicorp/go-retryablehttp"
)

// retryPolicy decides, for one CreateAccessToken call, whether to try again
// and how long to wait. It retries connection errors, 429 and 5xx (not 501),
// as go-retryablehttp's default policy does, honours Retry-After, and never
// waits past the call's MaxWait: a retry that could not start in time is not
// made, and the last answer is reported instead.
type retryPolicy struct {
	cfg      *Config
	start    time.Time
	attempts int
	retries  int
	next     time.Duration
}

func (p *retryPolicy) check(ctx context.Context, resp *http.Response, err error) (bool, error) {
	if ctx.Err() != nil {
		return false, ctx.Err()
	}
	retry, _ := retryablehttp.DefaultRetryPolicy(ctx, resp, err)
	if !retry || p.retries >= p.cfg.MaxRetries {
		return retry, nil
	}
	wait := p.wait(resp)
	if p.cfg.Now().Sub(p.start)+wait >= p.cfg.MaxWait {
		return false, nil // not enough time left for another attempt
	}
	p.next = wait
	p.retries++
	return true, nil
}

func (p *retryPolicy) backoff(_, _ time.Duration, _ int, _ *http.Response) time.Duration {
	return p.next
}

// wait is the pause before the next attempt: the server's Retry-After when
// it sent one with a 429 or 503, otherwise exponential backoff with jitter
// between half and all of min*2^n, capped at RetryWaitMax.
func (p *retryPolicy) wait(resp *http.Response) time.Duration {
	if resp != nil && (resp.StatusCode == http.StatusTooManyRequests || resp.StatusCode == http.StatusServiceUnavailable) {
		if d, ok := parseRetryAfter(resp.Header.Get("Retry-After"), p.cfg.Now()); ok {
			return d
		}
	}
	d := p.cfg.RetryWaitMin << p.retries
	if d > p.cfg.RetryWaitMax || d <= 0 {
		d = p.cfg.RetryWaitMax
	}
	half := d / 2
	return half + rand.N(half+1)
}
