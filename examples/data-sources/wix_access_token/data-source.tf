terraform {
  required_providers {
    wix = {
      source  = "wixtf/wix"
      version = "~> 0.1"
    }
  }
}

# Credentials come from WIX_CLIENT_ID, WIX_CLIENT_SECRET and WIX_INSTANCE_ID.
provider "wix" {}

# For Terraform before 1.10 only: the token is stored in the state file.
data "wix_access_token" "site" {}

output "token_expires_at" {
  value = data.wix_access_token.site.expires_at
}
