# The demo configuration run by `make demo`: it mints Wix access tokens with
# the data source and the ephemeral resource, hands the ephemeral token to
# another provider (Mastercard's restapi) which calls a Wix API with it, and
# reads what the token is for: the site and the app's permissions.
# The wix provider reads its credentials from WIX_CLIENT_ID, WIX_CLIENT_SECRET,
# WIX_INSTANCE_ID and WIX_API_URL.

terraform {
  required_version = ">= 1.10"
  required_providers {
    wix = {
      source  = "wixtf/wix"
      version = "~> 0.1"
    }
    restapi = {
      source  = "Mastercard/restapi"
      version = "1.20.0"
    }
  }
}

variable "api_url" {
  description = "Base URL of the Wix API (the fake server's URL in the demo)."
  type        = string
  default     = "https://www.wixapis.com"
}

provider "wix" {}

# Ephemeral: the token is never written to the plan or the state.
ephemeral "wix_access_token" "app" {}

# restapi authenticates with the ephemeral token. test_path makes it call
# Wix's Get App Instance API when it is configured, and fail unless the call
# succeeds, so a successful run proves the token works.
provider "restapi" {
  uri                  = var.api_url
  write_returns_object = true
  test_path            = "/apps/v1/instance"
  headers = {
    Authorization = ephemeral.wix_access_token.app.access_token
  }
}

# The data source, for Terraform releases before 1.10: the token itself is
# stored in state, so only non-secret attributes are shown here.
data "wix_access_token" "legacy" {}

# restapi manages nothing here; this resource only forces restapi to be
# configured (and so to call Wix) in plan and apply.
data "restapi_object" "unused" {
  count        = 0
  path         = "/"
  search_key   = "id"
  search_value = "none"
}

# What the token is for: the demo site, and the permissions its owner
# granted the app (Get App Instance, with a token minted internally).
data "wix_app_instance" "site" {}

output "site" {
  description = "The site of the demo instance."
  value = {
    name        = data.wix_app_instance.site.site_display_name
    url         = data.wix_app_instance.site.site_url
    permissions = data.wix_app_instance.site.permissions
  }
}

output "data_source_token" {
  description = "Non-secret facts about the token minted by the data source."
  value = {
    token_type = data.wix_access_token.legacy.token_type
    expires_in = data.wix_access_token.legacy.expires_in
    expires_at = data.wix_access_token.legacy.expires_at
  }
}
