// Copyright (c) The terraform-provider-wix Authors
// SPDX-License-Identifier: MPL-2.0

package wixfake

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"mime"
	"net/http"
	"net/url"
	"strings"
)

// Body encodings reported in [TokenRequestRecord.BodyEncoding].
const (
	encodingJSON = "json"
	encodingForm = "form"
)

// camelToSnake maps every camelCase field name the endpoints accept to its
// snake_case spelling, the canonical key of [params.values].
var camelToSnake = map[string]string{
	"grantType":    "grant_type",
	"clientId":     "client_id",
	"clientSecret": "client_secret",
	"instanceId":   "instance_id",
	"refreshToken": "refresh_token",
	"redirectUri":  "redirect_uri",
	"codeVerifier": "code_verifier",
	"deviceCode":   "device_code",
}

// spellingFree are accepted names that are spelled the same in both styles.
var spellingFree = map[string]bool{"code": true, "token": true, "scope": true}

// snakeNames is the set of snake_case names in camelToSnake.
var snakeNames = func() map[string]bool {
	m := make(map[string]bool, len(camelToSnake))
	for _, v := range camelToSnake {
		m[v] = true
	}
	return m
}()

// params are the decoded fields of a request body.
type params struct {
	values   map[string]string // snake_case name -> value
	present  map[string]bool   // snake_case name -> field present, even if null or empty
	snake    int               // recognised snake_case names seen
	camel    int               // recognised camelCase names seen
	encoding string
}

func (p *params) get(name string) string { return p.values[name] }

func (p *params) has(name string) bool { return p.present[name] }

// spelling classifies the recognised field names as "snake", "camel" or
// "mixed", or "" when there were none.
func (p *params) spelling() string {
	switch {
	case p.snake > 0 && p.camel > 0:
		return "mixed"
	case p.snake > 0:
		return "snake"
	case p.camel > 0:
		return "camel"
	default:
		return ""
	}
}

// paramError is a body that cannot be decoded. Its message never quotes a
// request value.
type paramError struct {
	status  int
	message string
}

func (e *paramError) Error() string { return e.message }

// readParams reads at most [MaxBodyBytes] of the body of r and decodes it as
// JSON or as a form according to its Content-Type. A JSON body is accepted
// with no Content-Type, as text/plain, and even when labelled as a form (as
// `curl -d` does), because the real endpoints accept all of these.
func readParams(w http.ResponseWriter, r *http.Request) (*params, error) {
	p := &params{values: map[string]string{}, present: map[string]bool{}}
	body, err := io.ReadAll(http.MaxBytesReader(w, r.Body, MaxBodyBytes))
	if err != nil {
		var tooBig *http.MaxBytesError
		if errors.As(err, &tooBig) {
			return p, &paramError{http.StatusRequestEntityTooLarge, fmt.Sprintf("request body exceeds %d bytes", MaxBodyBytes)}
		}
		return p, &paramError{http.StatusBadRequest, "request body could not be read"}
	}
	enc, err := bodyEncoding(r.Header.Get("Content-Type"), body)
	if err != nil {
		return p, err
	}
	p.encoding = enc
	if len(bytes.TrimSpace(body)) == 0 {
		return p, &paramError{http.StatusBadRequest, "request body is empty"}
	}
	if enc == encodingForm {
		err = p.decodeForm(body)
	} else {
		err = p.decodeJSON(body)
	}
	return p, err
}

// bodyEncoding picks the decoder for a body from its Content-Type.
func bodyEncoding(contentType string, body []byte) (string, error) {
	if strings.TrimSpace(contentType) == "" {
		return encodingJSON, nil
	}
	mt, _, err := mime.ParseMediaType(contentType)
	if err != nil {
		return "", &paramError{http.StatusBadRequest, "malformed Content-Type header"}
	}
	switch {
	case mt == "application/json", mt == "text/plain", strings.HasSuffix(mt, "+json"):
		return encodingJSON, nil
	case mt == "application/x-www-form-urlencoded":
		if t := bytes.TrimSpace(body); len(t) > 0 && t[0] == '{' {
			return encodingJSON, nil
		}
		return encodingForm, nil
	default:
		return "", &paramError{http.StatusBadRequest, "unsupported Content-Type: use application/json or application/x-www-form-urlencoded"}
	}
}

// set records one field, reconciling the two spellings of a name.
func (p *params) set(name string, value string, isNull bool) error {
	canon := name
	switch {
	case snakeNames[name]:
		p.snake++
	case camelToSnake[name] != "":
		canon = camelToSnake[name]
		p.camel++
	case spellingFree[name]:
	default:
		return nil
	}
	if p.present[canon] {
		if old, ok := p.values[canon]; ok && !isNull && old != value {
			return &paramError{http.StatusBadRequest, fmt.Sprintf("field %s is given more than once with different values", canon)}
		}
	}
	p.present[canon] = true
	if !isNull {
		p.values[canon] = value
	}
	return nil
}

func (p *params) decodeForm(body []byte) error {
	q, err := url.ParseQuery(string(body))
	if err != nil {
		return &paramError{http.StatusBadRequest, "request body is not valid application/x-www-form-urlencoded"}
	}
	for name, vs := range q {
		if !recognised(name) {
			continue
		}
		if len(vs) > 1 {
			return &paramError{http.StatusBadRequest, fmt.Sprintf("field %s is given more than once", canonical(name))}
		}
		if err := p.set(name, vs[0], false); err != nil {
			return err
		}
	}
	return nil
}

func (p *params) decodeJSON(body []byte) error {
	invalid := &paramError{http.StatusBadRequest, "request body is not a valid JSON object"}
	dec := json.NewDecoder(bytes.NewReader(body))
	if tok, err := dec.Token(); err != nil || tok != json.Delim('{') {
		return invalid
	}
	seen := map[string]bool{}
	for dec.More() {
		tok, err := dec.Token()
		if err != nil {
			return invalid
		}
		name, ok := tok.(string)
		if !ok {
			return invalid
		}
		var raw json.RawMessage
		if err := dec.Decode(&raw); err != nil {
			return invalid
		}
		if !recognised(name) {
			continue
		}
		if seen[name] {
			return &paramError{http.StatusBadRequest, fmt.Sprintf("field %s is given more than once", canonical(name))}
		}
		seen[name] = true
		var value string
		isNull := string(raw) == "null"
		if !isNull {
			if err := json.Unmarshal(raw, &value); err != nil {
				return &paramError{http.StatusBadRequest, fmt.Sprintf("field %s must be a string", canonical(name))}
			}
		}
		if err := p.set(name, value, isNull); err != nil {
			return err
		}
	}
	if tok, err := dec.Token(); err != nil || tok != json.Delim('}') {
		return invalid
	}
	if _, err := dec.Token(); err != io.EOF {
		return invalid
	}
	return nil
}

// recognised reports whether name is a field the endpoints read. Other
// fields are ignored, as proto3 JSON parsers ignore unknown fields.
func recognised(name string) bool {
	return snakeNames[name] || camelToSnake[name] != "" || spellingFree[name]
}

// canonical returns the snake_case spelling of a recognised field name.
func canonical(name string) string {
	if c, ok := camelToSnake[name]; ok {
		return c
	}
	return name
}
