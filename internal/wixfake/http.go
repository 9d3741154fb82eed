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
)

// maxBodyBytes is the largest request body the fake reads; a larger one is
// answered 413.
const maxBodyBytes = 64 << 10

// bodyFields are the body fields the endpoints read: the snake_case name,
// and the camelCase spelling that is also accepted, as Wix documents both for
// its token endpoint.
var bodyFields = [][]string{{"grant_type", "grantType"}, {"client_id", "clientId"}, {"client_secret", "clientSecret"},
	{"instance_id", "instanceId"}, {"refresh_token", "refreshToken"}, {"code"}, {"token"}}

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
	for _, spellings := range bodyFields {
		name := spellings[0]
		for _, key := range spellings {
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

// answer is a JSON answer, to be sent with the no-store headers of RFC 6749
// section 5.1.
type answer struct {
	status int
	body   any
}

// rfcError is the error body of RFC 6749 section 5.2, which the token
// endpoints use.
func rfcError(status int, code, description string) *answer {
	return &answer{status, struct {
		Error            string `json:"error"`
		ErrorDescription string `json:"error_description"`
	}{code, description}}
}

// wixAppError is Wix's standard error body,
// https://dev.wix.com/docs/rest/articles/getting-started/errors , with an
// application error code such as UNAUTHENTICATED or NOT_FOUND.
func wixAppError(status int, message, code, description string) *answer {
	type applicationError struct {
		Code        string   `json:"code"`
		Description string   `json:"description"`
		Data        struct{} `json:"data"`
	}
	return &answer{status, struct {
		Message string                      `json:"message"`
		Details map[string]applicationError `json:"details"`
	}{message, map[string]applicationError{"applicationError": {Code: code, Description: description}}}}
}

func (a answer) write(w http.ResponseWriter) {
	w.Header().Set("Cache-Control", "no-store")
	w.Header().Set("Pragma", "no-cache")
	writeJSON(w, a.status, a.body)
}

// writeJSON writes v as a JSON body with status.
func writeJSON(w http.ResponseWriter, status int, v any) {
	var buf bytes.Buffer
	enc := json.NewEncoder(&buf)
	enc.SetEscapeHTML(false)
	if err := enc.Encode(v); err != nil {
		panic("wixfake: encode response: " + err.Error()) // only fixed, encodable types reach here
	}
	w.Header().Set("Content-Type", "application/json")
	w.WriteHeader(status)
	_, _ = w.Write(buf.Bytes())
}

// writeNotFound answers an unknown path or a wrong method with a 404 page
// modelled on the HTML page the real gateway serves.
func writeNotFound(w http.ResponseWriter) {
	w.Header().Set("Content-Type", "text/html; charset=utf-8")
	w.WriteHeader(http.StatusNotFound)
	_, _ = w.Write([]byte("<!DOCTYPE html>\n<html><head><title>404 Not Found</title></head><body><h1>404 Not Found</h1></body></html>\n"))
}
