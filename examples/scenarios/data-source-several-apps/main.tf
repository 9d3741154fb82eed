# The data source for several apps: it takes no credentials of its own (every
# data source argument is stored in state), so each app gets a provider
# alias. The secrets come from ephemeral variables, which no saved plan or
# state keeps. Terraform before 1.10 has no ephemeral variables: there, give
# each app its own configuration with WIX_CLIENT_SECRET set for it.
terraform {
  required_version = ">= 1.10"
  required_providers {
    wix = {
      source  = "wixtf/wix"
      version = "~> 0.1"
    }
  }
}

variable "second_app_client_id" {
  type = string
}

variable "second_app_client_secret" {
  type      = string
  ephemeral = true
}

# The first app: WIX_CLIENT_ID, WIX_CLIENT_SECRET and WIX_INSTANCE_ID.
provider "wix" {}

# The second app on the same site (same instance ID), with its own token.
provider "wix" {
  alias         = "second_app"
  client_id     = var.second_app_client_id
  client_secret = var.second_app_client_secret
}

data "wix_access_token" "first_app" {}

data "wix_access_token" "second_app" {
  provider = wix.second_app
}

output "tokens_expire_at" {
  value = {
    first_app  = data.wix_access_token.first_app.expires_at
    second_app = data.wix_access_token.second_app.expires_at
  }
}
