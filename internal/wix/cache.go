// Copyright (c) The terraform-provider-wix Authors
// SPDX-License-Identifier: MPL-2.0

package wix

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"sync"
	"time"

	"golang.org/x/sync/singleflight"
)

// TokenCache shares tokens inside one provider process: requests for the
// same API URL, client ID, client secret and instance ID get one token while
// it stays valid for at least the margin, and concurrent requests for the
// same key wait for one request to Wix (single-flight). Different keys never
// wait for each other: the lock guards only the map, never the network.
type TokenCache struct {
	margin time.Duration
	now    func() time.Time
	group  singleflight.Group

	mu      sync.Mutex
	entries map[string]*Token
}

// NewTokenCache returns an empty cache that shares a token while it stays
// valid for at least margin by the clock now.
func NewTokenCache(margin time.Duration, now func() time.Time) *TokenCache {
	return &TokenCache{margin: margin, now: now, entries: map[string]*Token{}}
}

// Result tells how a token was obtained.
type Result int

const (
	// Minted means this call's request to Wix minted the token: its
	// warnings are this call's to give.
	Minted Result = iota
	// Joined means the call waited for a concurrent request for the same key.
	Joined
	// Reused means a token minted earlier in this process was still valid.
	Reused
)

// String says how the token was obtained, for logs.
func (r Result) String() string {
	switch r {
	case Joined:
		return "joined a concurrent request"
	case Reused:
		return "reused"
	}
	return "minted"
}

// cacheKey identifies a token by the parts of what it was minted for. The
// parts are hashed, so that the map never holds a secret in the clear.
func cacheKey(parts ...string) string {
	h := sha256.New()
	for _, part := range parts {
		h.Write([]byte(part))
		h.Write([]byte{0})
	}
	return hex.EncodeToString(h.Sum(nil))
}

// AccessToken returns a client-credentials token for cr from the cache or
// from c. Tokens are shared only within a partition: the provider keeps the
// tokens it hands to data sources (which store them in state) apart from
// the ephemeral ones, so that an ephemeral token never equals one written
// to state.
func (tc *TokenCache) AccessToken(ctx context.Context, c *Client, cr Credentials, partition string) (*Token, Result, error) {
	key := cacheKey(partition, c.TokenURL(), cr.ClientID, cr.ClientSecret, cr.InstanceID)
	return tc.token(ctx, key, func(ctx context.Context) (*Token, error) { return c.CreateAccessToken(ctx, cr) })
}

// RefreshedToken returns a legacy token for rc from the cache or from c, on
// the same terms as AccessToken; the refresh token is part of the key.
func (tc *TokenCache) RefreshedToken(ctx context.Context, c *Client, rc RefreshCredentials, partition string) (*Token, Result, error) {
	key := cacheKey(partition, c.URL(LegacyTokenPath), rc.ClientID, rc.ClientSecret, rc.RefreshToken)
	return tc.token(ctx, key, func(ctx context.Context) (*Token, error) { return c.RefreshAccessToken(ctx, rc) })
}

// token returns the token cached under key while it stays valid for the
// margin, or else one from mint, which concurrent callers for the same key
// wait for: only the caller whose mint ran gets Minted, the others Joined.
func (tc *TokenCache) token(ctx context.Context, key string, mint func(context.Context) (*Token, error)) (*Token, Result, error) {
	if tok := tc.valid(key); tok != nil {
		return tok, Reused, nil
	}
	// Set by the function below, which runs for the first caller only and
	// has finished when its result arrives.
	how := Joined
	ch := tc.group.DoChan(key, func() (any, error) {
		if tok := tc.valid(key); tok != nil { // minted while this call was starting
			how = Reused
			return tok, nil
		}
		// The request outlives a caller that gives up, so that the others
		// waiting for it still get their token; MaxWait bounds it.
		tok, err := mint(context.WithoutCancel(ctx))
		if err != nil {
			return nil, err
		}
		how = Minted
		tc.mu.Lock()
		tc.entries[key] = tok
		tc.mu.Unlock()
		return tok, nil
	})
	select {
	case <-ctx.Done():
		return nil, Minted, &TransportError{Err: errCancelled}
	case r := <-ch:
		if r.Err != nil {
			return nil, Minted, r.Err
		}
		tok, _ := r.Val.(*Token)
		return tok, how, nil
	}
}

// Forget drops a token that Wix refused, so that the next request for its
// key mints a new one.
func (tc *TokenCache) Forget(tok *Token) {
	tc.mu.Lock()
	defer tc.mu.Unlock()
	for key, cached := range tc.entries {
		if cached.AccessToken == tok.AccessToken {
			delete(tc.entries, key)
		}
	}
}

// valid returns the cached token for key if it is still valid for the
// margin, by the local clock.
func (tc *TokenCache) valid(key string) *Token {
	tc.mu.Lock()
	defer tc.mu.Unlock()
	tok := tc.entries[key]
	if tok == nil {
		return nil
	}
	if tok.LocalExpiry().Sub(tc.now()) < tc.margin {
		delete(tc.entries, key)
		return nil
	}
	return tok
}
