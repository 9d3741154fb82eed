// Copyright (c) The terraform-provider-wix Authors
// SPDX-License-Identifier: MPL-2.0

package wixfake

import (
	"bytes"
	"encoding/json"
	"net/http"
)

// notFoundHTML is the body of every 404 for an unknown path or a wrong
// method, modelled on the HTML page the real gateway serves.
const notFoundHTML = "<!DOCTYPE html>\n<html><head><title>404 Not Found</title></head><body><h1>404 Not Found</h1></body></html>\n"

// apiError is an error answer: a status and a JSON body.
type apiError struct {
	status int
	body   any
}

// rfcError is the error body of RFC 6749 section 5.2, which the token
// endpoints use.
func rfcError(status int, code, description string) *apiError {
	return &apiError{status, struct {
		Error            string `json:"error"`
		ErrorDescription string `json:"error_description"`
	}{code, description}}
}

// wixError is Wix's standard error body,
// https://dev.wix.com/docs/rest/articles/getting-started/errors : a message,
// and details holding an applicationError or a validationError.
type wixError struct {
	Message string         `json:"message"`
	Details map[string]any `json:"details"`
}

// wixAppError is a Wix standard error with an application error code, such
// as UNAUTHENTICATED or NOT_FOUND.
func wixAppError(status int, message, code, description string) *apiError {
	return &apiError{status, wixError{message, map[string]any{"applicationError": struct {
		Code        string   `json:"code"`
		Description string   `json:"description"`
		Data        struct{} `json:"data"`
	}{Code: code, Description: description}}}}
}

// wixFieldError is a Wix standard validation error about one field.
func wixFieldError(status int, message, field, description, rule string) *apiError {
	type violation struct {
		Field        string `json:"field"`
		Description  string `json:"description"`
		ViolatedRule string `json:"violatedRule"`
	}
	return &apiError{status, wixError{message, map[string]any{"validationError": map[string]any{
		"fieldViolations": []violation{{field, description, rule}},
	}}}}
}

// write sends the error with the no-store headers of RFC 6749 section 5.1.
func (e *apiError) write(w http.ResponseWriter) {
	setNoStore(w)
	writeJSON(w, e.status, e.body)
}

func setNoStore(w http.ResponseWriter) {
	w.Header().Set("Cache-Control", "no-store")
	w.Header().Set("Pragma", "no-cache")
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

func writeNotFound(w http.ResponseWriter) {
	w.Header().Set("Content-Type", "text/html; charset=utf-8")
	w.WriteHeader(http.StatusNotFound)
	_, _ = w.Write([]byte(notFoundHTML))
}
