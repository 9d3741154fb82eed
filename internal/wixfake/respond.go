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
const notFoundHTML = `<!DOCTYPE html>
<html lang="en">
<head><meta charset="utf-8"><title>404 Not Found</title></head>
<body><h1>404 Not Found</h1><p>The requested URL was not found on this server.</p></body>
</html>
`

// RFCError is the RFC 6749 section 5.2 error body.
type RFCError struct {
	// Error is the error code, such as "invalid_client".
	Error string `json:"error"`
	// ErrorDescription is a human-readable description.
	ErrorDescription string `json:"error_description,omitempty"`
}

// WixError is the Wix standard error body.
type WixError struct {
	// Message is the top-level message.
	Message string `json:"message"`
	// Details holds either an application error or a validation error.
	Details WixErrorDetails `json:"details"`
}

// WixErrorDetails is the details object of a [WixError].
type WixErrorDetails struct {
	// ApplicationError is set for errors such as NOT_FOUND or
	// UNAUTHENTICATED.
	ApplicationError *WixApplicationError `json:"applicationError,omitempty"`
	// ValidationError is set for invalid arguments.
	ValidationError *WixValidationError `json:"validationError,omitempty"`
}

// WixApplicationError is details.applicationError of a [WixError].
type WixApplicationError struct {
	// Code is the error code, such as "NOT_FOUND".
	Code string `json:"code"`
	// Description is a human-readable description.
	Description string `json:"description"`
	// Data is always an empty object in the fake.
	Data map[string]any `json:"data"`
}

// WixValidationError is details.validationError of a [WixError].
type WixValidationError struct {
	// FieldViolations lists the invalid fields.
	FieldViolations []WixFieldViolation `json:"fieldViolations"`
}

// WixFieldViolation is one entry of [WixValidationError.FieldViolations].
type WixFieldViolation struct {
	// Field is the name of the invalid field.
	Field string `json:"field"`
	// Description says what is wrong with it.
	Description string `json:"description"`
	// ViolatedRule is a rule name such as "REQUIRED_FIELD".
	ViolatedRule string `json:"violatedRule"`
}

// apiError is an error answer: a status and a JSON body.
type apiError struct {
	status int
	body   any
}

func rfcError(status int, code, description string) *apiError {
	return &apiError{status: status, body: RFCError{Error: code, ErrorDescription: description}}
}

func wixAppError(status int, message, code, description string) *apiError {
	return &apiError{status: status, body: WixError{
		Message: message,
		Details: WixErrorDetails{ApplicationError: &WixApplicationError{
			Code:        code,
			Description: description,
			Data:        map[string]any{},
		}},
	}}
}

func wixFieldError(status int, message, field, description, rule string) *apiError {
	return &apiError{status: status, body: WixError{
		Message: message,
		Details: WixErrorDetails{ValidationError: &WixValidationError{
			FieldViolations: []WixFieldViolation{{Field: field, Description: description, ViolatedRule: rule}},
		}},
	}}
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
		// Only fixed, encodable types reach here.
		panic("wixfake: encode response: " + err.Error())
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
