// Copyright (c) The terraform-provider-wix Authors
// SPDX-License-Identifier: MPL-2.0

package wix

// The decoders, for the tests of package wix_test.
var (
	DecodeTokenInfoForTest   = decodeTokenInfo
	DecodeAppInstanceForTest = decodeAppInstance
)
