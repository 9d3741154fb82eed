// Copyright (c) The terraform-provider-wix Authors
// SPDX-License-Identifier: MPL-2.0

package wixfake

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"maps"
	"net/http"
	"slices"
	"strings"
)

// maxBodyBytes is the largest request body the fake reads; a larger one is
// answered 413.
const maxBodyBytes = 64 << 10

// knownFields are the body fields the endpoints read, in snake_case. Each is
// also accepted in camelCase (grantType, clientId, ...), as Wix documents
// both spellings for its token endpoint.
var knownFields = []string{"grant_type", "client_id", "client_secret", "instance_id", "refresh_token", "code", "token"}

// params are the fields of a JSON request body.
type params struct {
	keys    []string          // every key of the body, sorted
	values  map[string]string // snake_case name -> value; absent when null
	present map[string]bool   // snake_case name -> given, even as null or ""
}

func (p params) get(name string) string { return p.values[name] }

// paramError is a body that cannot be used. Its message never quotes a
// request value.
type paramError struct {
	status  int
	message string
}

// readParams reads the body of r as one JSON object. The Content-Type is
// not looked at: Wix's own SDK sends JSON as text/plain, and the curl
// examples in Wix's docs send it labelled as a form.
func readParams(w http.ResponseWriter, r *http.Request) (params, *paramError) {
	p := params{values: map[string]string{}, present: map[string]bool{}}
	raw, err := io.ReadAll(http.MaxBytesReader(w, r.Body, maxBodyBytes))
	if err != nil {
		if tooBig := new(http.MaxBytesError); errors.As(err, &tooBig) {
			return p, &paramError{http.StatusRequestEntityTooLarge, fmt.Sprintf("request body exceeds %d bytes", maxBodyBytes)}
		}
		return p, &paramError{http.StatusBadRequest, "request body could not be read"}
	}
	if len(bytes.TrimSpace(raw)) == 0 {
		return p, &paramError{http.StatusBadRequest, "request body is empty"}
	}
	var m map[string]json.RawMessage
	if err := json.Unmarshal(raw, &m); err != nil || m == nil {
		return p, &paramError{http.StatusBadRequest, "request body is not a valid JSON object"}
	}
	p.keys = slices.Sorted(maps.Keys(m))
	for _, name := range knownFields {
		for _, key := range slices.Compact([]string{name, camelCase(name)}) {
			v, ok := m[key]
			if !ok {
				continue
			}
			p.present[name] = true
			var s *string
			if err := json.Unmarshal(v, &s); err != nil {
				return p, &paramError{http.StatusBadRequest, fmt.Sprintf("field %s must be a string", name)}
			}
			if s == nil {
				continue
			}
			if old, dup := p.values[name]; dup && old != *s {
				return p, &paramError{http.StatusBadRequest, fmt.Sprintf("field %s is given in both spellings, with different values", name)}
			}
			p.values[name] = *s
		}
	}
	return p, nil
}

// camelCase turns "grant_type" into "grantType".
func camelCase(snake string) string {
	parts := strings.Split(snake, "_")
	for i := 1; i < len(parts); i++ {
		parts[i] = strings.ToUpper(parts[i][:1]) + parts[i][1:]
	}
	return strings.Join(parts, "")
}
