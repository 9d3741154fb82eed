terraform {
  required_version = ">= 1.10"
  required_providers {
    wix = {
      source  = "wixtf/wix"
      version = "~> 0.1"
    }
  }
}

# Credentials come from WIX_CLIENT_ID, WIX_CLIENT_SECRET and WIX_INSTANCE_ID.
provider "wix" {}

ephemeral "wix_access_token" "site" {}

# What Wix says about the token: a token Wix reports inactive gives
# active = false, not an error, so that a condition can test it.
ephemeral "wix_token_info" "site" {
  token = ephemeral.wix_access_token.site.access_token

  lifecycle {
    postcondition {
      condition     = self.active && self.instance_id != null
      error_message = "Wix does not report the token as active for an app instance."
    }
  }
}
