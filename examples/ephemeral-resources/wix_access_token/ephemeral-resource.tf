terraform {
  required_version = ">= 1.10"
  required_providers {
    wix = {
      source  = "wixtf/wix"
      version = "~> 0.1"
    }
    restapi = {
      source  = "Mastercard/restapi"
      version = "~> 1.20"
    }
  }
}

variable "wix_api_url" {
  type    = string
  default = "https://www.wixapis.com"
}

# Credentials come from WIX_CLIENT_ID, WIX_CLIENT_SECRET and WIX_INSTANCE_ID.
provider "wix" {}

# Minted in plan and again in apply; never written to the plan or the state.
ephemeral "wix_access_token" "site" {}

# Any provider that takes a header or token can use it. Wix takes the token
# bare in the Authorization header.
provider "restapi" {
  uri                  = var.wix_api_url
  write_returns_object = true
  headers = {
    Authorization = ephemeral.wix_access_token.site.access_token
  }
}
